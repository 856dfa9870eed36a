package serve

import (
	"net"
	"regexp"
	"slices"
	"strings"
	"testing"
)

func TestHostPolicy(t *testing.T) {
	for _, tt := range []struct {
		bind    string
		allow   []string
		yes, no []string
	}{
		{
			bind: "127.0.0.1",
			yes: []string{
				"127.0.0.1", "127.0.0.1:1313", "127.0.0.1:8080", "LOCALHOST", "localhost:1313", "localhost.",
				"[::1]", "[::1]:1313", "docs.localhost", "docs.localhost:1313", "127.0.0.2:1313",
				"[::ffff:127.0.0.1]:1313",
			},
			no: []string{
				"", "evil.example", "evil.example:1313", "localhost.evil.example", "127.0.0.1.nip.io",
				"localhostx", "192.0.2.7", "[fe80::1%25eth0]:1313", "localhost:abc", "localhost:99999",
				"[::1", "::1]:1313", "local host", "0.0.0.0:1313",
			},
		},
		{
			bind: "192.0.2.7",
			yes:  []string{"192.0.2.7", "192.0.2.7:1313", "localhost:1313", "127.0.0.1"},
			no:   []string{"192.0.2.8:1313", "evil.example"},
		},
		{
			bind: "MyBox.lan",
			yes:  []string{"mybox.lan:1313", "MYBOX.LAN", "localhost"},
			no:   []string{"other.lan", "box.lan"},
		},
		{
			bind:  "127.0.0.1",
			allow: []string{"mybox.local", "Docs.Example:8443", "*.tunnel.example", "Bücher.example", "10.0.0.5", "[2001:db8::5]"},
			yes: []string{
				"mybox.local", "mybox.local:1313", "docs.example", "docs.example:1", "a.tunnel.example",
				"a.b.tunnel.example:443", "xn--bcher-kva.example", "10.0.0.5:1313", "[2001:db8::5]:1313",
			},
			no: []string{"tunnel.example", "eviltunnel.example", "mybox.local.evil.example", "10.0.0.6"},
		},
	} {
		p, err := newHostPolicy(tt.bind, tt.allow)
		if err != nil {
			t.Fatalf("bind %s allow %q: %v", tt.bind, tt.allow, err)
		}
		for _, h := range tt.yes {
			if !p.allowed(h) {
				t.Errorf("bind %s allow %q: Host %q refused, want answered", tt.bind, tt.allow, h)
			}
		}
		for _, h := range tt.no {
			if p.allowed(h) {
				t.Errorf("bind %s allow %q: Host %q answered, want refused", tt.bind, tt.allow, h)
			}
		}
	}
}

// Bound to every address, the machine's own addresses are answered,
// and nothing else that is not allowed.
func TestHostPolicyWildcard(t *testing.T) {
	for _, bind := range []string{"0.0.0.0", "::"} {
		p, err := newHostPolicy(bind, nil)
		if err != nil {
			t.Fatal(err)
		}
		for _, ip := range interfaceIPs() {
			host := net.JoinHostPort(ip.String(), "1313")
			if ip.IsLinkLocalUnicast() && ip.To4() == nil {
				continue // a zone would be needed
			}
			if !p.allowed(host) {
				t.Errorf("bind %s: the machine's address %s refused", bind, host)
			}
		}
		if !p.allowed(net.JoinHostPort(bind, "1313")) {
			t.Errorf("bind %s: the bound address itself refused", bind)
		}
		for _, h := range []string{"192.0.2.254", "[2001:db8::dead]", "evil.example"} {
			if p.allowed(h) {
				t.Errorf("bind %s: Host %q answered", bind, h)
			}
		}
	}
}

func TestAllowHostErrors(t *testing.T) {
	for _, bad := range []string{"", "http://mybox.local", "mybox.local/docs", "my box", "*.", "*.10.0.0.1", "user@host", "a..b", "host:port"} {
		if _, err := newHostPolicy("127.0.0.1", []string{bad}); err == nil || !strings.Contains(err.Error(), "--allow-host") {
			t.Errorf("--allow-host %q: error %v, want one naming the flag", bad, err)
		}
	}
}

// Through the running server: a refused Host gets 421 with a text naming
// the flag, everywhere including the live-reload endpoints, and the
// terminal says so once.
func TestHostCheck(t *testing.T) {
	r := start(t, &fakeBuilder{}, Options{AllowHosts: []string{"mybox.local"}})
	addr := strings.TrimPrefix(strings.TrimSuffix(r.url, "/"), "http://")
	_, port, _ := net.SplitHostPort(addr)
	for _, host := range []string{addr, "localhost", "localhost:" + port, "[::1]:" + port, "notes.localhost:" + port, "mybox.local:" + port, "MYBOX.LOCAL"} {
		if status, _ := rawGetHost(t, addr, "/services/lambda/", host); status != 200 {
			t.Errorf("Host %s: %d, want 200", host, status)
		}
	}
	for _, path := range []string{"/", "/services/lambda/", "/_sitegen/events", "/_sitegen/status", "/_sitegen/reload.js", "/nope"} {
		for _, host := range []string{"evil.example", "evil.example:" + port, "127.0.0.1.evil.example"} {
			status, body := rawGetHost(t, addr, path, host)
			name, _, _ := strings.Cut(host, ":")
			if status != 421 || !strings.Contains(body, "--allow-host "+name) || strings.Contains(body, "build 1") {
				t.Errorf("GET %s Host %s: %d %q, want 421 naming --allow-host %s", path, host, status, body, name)
			}
		}
	}
	if n := strings.Count(r.log.String(), `refused a request for host "evil.example"`); n != 1 {
		t.Errorf("the terminal reports the refused host %d times, want once:\n%s", n, r.log)
	}
	// The stream answers an allowed host as usual.
	evs := r.events(t)
	expect(t, evs, "hello")
}

var listedURL = regexp.MustCompile(`(?m)^ {4}(http://\S+/)$`)

// Bound to every address, the server warns that the preview is on the
// network and lists every address it can be opened at; each one works.
func TestNetworkBindWarning(t *testing.T) {
	for _, bind := range []string{"0.0.0.0", "::"} {
		t.Run(bind, func(t *testing.T) {
			if bind == "::" && !hasIPv6() {
				t.Skip("no IPv6 on this machine")
			}
			r := start(t, &fakeBuilder{}, Options{Bind: bind})
			log := r.log.String()
			want := "warning: --bind " + bind + " makes the preview reachable from the network: anyone who can reach this machine can read every page"
			if !strings.Contains(log, want) || !strings.Contains(log, "--allow-host NAME") {
				t.Errorf("terminal:\n%s\nwant the warning %q", log, want)
			}
			if !strings.Contains(log, "serving on every address of this machine (Ctrl+C to stop):\n") {
				t.Errorf("terminal:\n%s\nwant the list of addresses", log)
			}
			var urls []string
			for _, m := range listedURL.FindAllStringSubmatch(log, -1) {
				urls = append(urls, m[1])
			}
			_, port, _ := net.SplitHostPort(strings.TrimSuffix(strings.TrimPrefix(r.url, "http://"), "/"))
			for _, ip := range interfaceIPs() {
				v4 := ip.To4() != nil
				u := "http://" + net.JoinHostPort(ip.String(), port) + "/"
				listed := slices.Contains(urls, u)
				switch {
				case v4 && !listed, bind == "::" && !v4 && !ip.IsLinkLocalUnicast() && !listed:
					t.Errorf("address %s not listed in\n%s", u, log)
				case bind == "0.0.0.0" && !v4 && listed:
					t.Errorf("IPv6 address %s listed for a bind to 0.0.0.0", u)
				}
			}
			for _, u := range urls {
				if code, _ := (&running{url: u}).page(t, "/services/lambda/"); code != 200 {
					t.Errorf("GET %s: %d; every listed URL must pass the Host check", u, code)
				}
			}
		})
	}
}

// Bound to one address of the network, the server warns and prints that
// address, not a loopback one; bound to loopback it prints one line.
func TestBindOneAddress(t *testing.T) {
	r := start(t, &fakeBuilder{}, Options{Bind: "127.0.0.1"})
	if log := r.log.String(); strings.Contains(log, "warning") || !strings.Contains(log, "serving at "+r.url+" (Ctrl+C to stop)") {
		t.Errorf("loopback bind, terminal:\n%s", log)
	}

	var lan net.IP
	for _, ip := range interfaceIPs() {
		if ip.To4() != nil && !ip.IsLoopback() {
			lan = ip
			break
		}
	}
	if lan == nil {
		t.Skip("no IPv4 address besides loopback")
	}
	r = start(t, &fakeBuilder{}, Options{Bind: lan.String()})
	log := r.log.String()
	if !strings.HasPrefix(r.url, "http://"+lan.String()+":") {
		t.Errorf("ready URL %s, want one on %s", r.url, lan)
	}
	if !strings.Contains(log, "warning: --bind "+lan.String()+" makes the preview reachable from the network") ||
		!strings.Contains(log, "serving at "+r.url+" (Ctrl+C to stop)") || strings.Contains(log, "http://127.0.0.1") {
		t.Errorf("bind %s, terminal:\n%s", lan, log)
	}
	if code, _ := r.page(t, "/"); code != 200 {
		t.Errorf("GET %s: %d", r.url, code)
	}
}

func hasIPv6() bool {
	ln, err := net.Listen("tcp", "[::1]:0")
	if err != nil {
		return false
	}
	ln.Close()
	return true
}
