package serve

import (
	"fmt"
	"net"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"golang.org/x/net/idna"
)

// DNS rebinding: a web page the reader visits makes its own name resolve
// to 127.0.0.1 and then reads the preview as if it were its own origin.
// The browser still sends that name in the Host header, so the server
// answers only names that are its own: the bound address, loopback names,
// for a wildcard bind the machine's addresses, and what --allow-host adds.
// Every path is checked, /_sitegen/ (the live-reload stream) included.

// hostPolicy decides which Host header values are answered.
type hostPolicy struct {
	names    map[string]bool // normalized names and addresses
	suffixes []string        // ".example.test", from --allow-host *.example.test
	wildcard bool            // bound to 0.0.0.0 or ::

	// The machine's addresses, for a wildcard bind; read again when an
	// unknown address comes (a laptop changes networks), at most once a
	// second.
	mu     sync.Mutex
	own    map[string]bool
	readAt time.Time

	// Refused names already reported in the terminal, so a page that
	// keeps retrying prints one line.
	reported map[string]bool
}

// maxReported bounds the refused names remembered, against a client
// sending a new one with every request.
const maxReported = 64

// newHostPolicy allows bind (a name or address; unspecified means every
// address of the machine) and the names of allow, each a host name, an
// address or *.domain for every name under domain; a port is ignored.
func newHostPolicy(bind string, allow []string) (*hostPolicy, error) {
	p := &hostPolicy{names: map[string]bool{}, reported: map[string]bool{}}
	if ip := net.ParseIP(bind); ip != nil && ip.IsUnspecified() {
		p.wildcard = true
	}
	// The bound address itself, even 0.0.0.0: a browser opening
	// http://0.0.0.0:1313/ reaches this machine only.
	if h, ok := normalizeHost(bind); ok {
		p.names[h] = true
	}
	for _, a := range allow {
		a = strings.TrimSpace(a)
		if rest, ok := strings.CutPrefix(a, "*."); ok {
			h, ok := allowedName(rest)
			if !ok || net.ParseIP(h) != nil {
				return nil, fmt.Errorf("--allow-host %q: after *. give a domain, such as *.example.test", a)
			}
			p.suffixes = append(p.suffixes, "."+h)
			continue
		}
		h, ok := allowedName(a)
		if !ok {
			return nil, fmt.Errorf("--allow-host %q: give a host name or an address, such as mybox.local, without scheme or path", a)
		}
		p.names[h] = true
	}
	return p, nil
}

// allowedName is the form a Host header takes for a name given on the
// command line: lower case, punycode for Unicode names, no port.
func allowedName(s string) (string, bool) {
	if s == "" || strings.ContainsAny(s, "/?#@ \t\r\n\\") {
		return "", false
	}
	h, ok := normalizeHost(s)
	if !ok {
		return "", false
	}
	if net.ParseIP(h) != nil {
		return h, true
	}
	ascii, err := idna.Lookup.ToASCII(h)
	if err != nil || slices.Contains(strings.Split(ascii, "."), "") {
		return "", false
	}
	return ascii, true
}

// allowIP adds an address the server listens on.
func (p *hostPolicy) allowIP(ip net.IP) {
	if ip != nil && !ip.IsUnspecified() {
		p.names[ip.String()] = true
	}
}

// allowed reports whether a request with this Host header is answered.
func (p *hostPolicy) allowed(hostHeader string) bool {
	h, ok := normalizeHost(hostHeader)
	if !ok {
		return false
	}
	if h == "localhost" || strings.HasSuffix(h, ".localhost") || p.names[h] {
		return true
	}
	ip := net.ParseIP(h)
	if ip != nil && ip.IsLoopback() {
		return true
	}
	for _, s := range p.suffixes {
		if strings.HasSuffix(h, s) {
			return true
		}
	}
	return p.wildcard && ip != nil && p.isOwn(h)
}

func (p *hostPolicy) isOwn(addr string) bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.own[addr] {
		return true
	}
	if time.Since(p.readAt) < time.Second {
		return false
	}
	p.readAt = time.Now()
	p.own = map[string]bool{}
	for _, ip := range interfaceIPs() {
		p.own[ip.String()] = true
	}
	return p.own[addr]
}

// report reports whether name is refused for the first time.
func (p *hostPolicy) report(name string) bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.reported[name] || len(p.reported) >= maxReported {
		return false
	}
	p.reported[name] = true
	return true
}

// normalizeHost turns a Host header (name, name:port, [v6]:port, v4) into
// the form the policy compares: lower case, no port, no trailing dot, an
// address in its canonical form. A zone (fe80::1%eth0) is not accepted.
func normalizeHost(h string) (string, bool) {
	h = strings.ToLower(strings.TrimSpace(h))
	if strings.HasPrefix(h, "[") {
		end := strings.IndexByte(h, ']')
		if end < 0 || !validPort(h[end+1:]) {
			return "", false
		}
		ip := net.ParseIP(h[1:end])
		if ip == nil {
			return "", false
		}
		return ip.String(), true
	}
	if i := strings.LastIndexByte(h, ':'); i >= 0 && strings.Count(h, ":") == 1 {
		if !validPort(h[i:]) {
			return "", false
		}
		h = h[:i]
	}
	if ip := net.ParseIP(h); ip != nil {
		return ip.String(), true
	}
	h = strings.TrimSuffix(h, ".")
	if h == "" || strings.ContainsAny(h, ":%[]") {
		return "", false
	}
	return h, true
}

// validPort reports whether s is empty or ":" and a port number.
func validPort(s string) bool {
	if s == "" {
		return true
	}
	n, err := strconv.Atoi(strings.TrimPrefix(s, ":"))
	return strings.HasPrefix(s, ":") && err == nil && n >= 0 && n <= 65535
}

// refuse answers a request for a name the server does not answer to.
// 421 Misdirected Request: this server is not the one for that name.
func (s *server) refuse(w http.ResponseWriter, r *http.Request) {
	name := r.Host
	if h, ok := normalizeHost(r.Host); ok {
		name = h
	}
	if s.hosts.report(name) {
		s.logf("refused a request for host %q: not a name of this server (to allow it: --allow-host %s)", name, name)
	}
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(http.StatusMisdirectedRequest)
	fmt.Fprintf(w, "sitegen serve does not answer to the host name %q.\n"+
		"It answers only to its own addresses and localhost, so that another web site cannot read the preview (DNS rebinding).\n"+
		"To open the preview by this name, restart it with --allow-host %s\n", name, name)
}

// interfaceIPs lists the machine's addresses, loopback first.
func interfaceIPs() []net.IP {
	addrs, err := net.InterfaceAddrs()
	if err != nil {
		return nil
	}
	var ips []net.IP
	for _, a := range addrs {
		if n, ok := a.(*net.IPNet); ok {
			ips = append(ips, n.IP)
		}
	}
	slices.SortStableFunc(ips, func(a, b net.IP) int {
		switch {
		case a.IsLoopback() == b.IsLoopback():
			return 0
		case a.IsLoopback():
			return -1
		}
		return 1
	})
	return ips
}

// listenURLs lists the URLs a server listening on ln (bound as bind) can
// be opened at: the given address, or for a wildcard bind one per
// address of the machine (IPv4 only for 0.0.0.0). IPv6 link-local
// addresses are left out: a browser cannot open a URL with a zone.
func listenURLs(bind string, ln net.Addr) []string {
	tcp := ln.(*net.TCPAddr)
	if !tcp.IP.IsUnspecified() {
		return []string{siteURL(bind, tcp.Port)}
	}
	v4only := tcp.IP.To4() != nil
	var urls []string
	for _, ip := range interfaceIPs() {
		v4 := ip.To4() != nil
		if v4only && !v4 || !v4 && ip.IsLinkLocalUnicast() {
			continue
		}
		u := siteURL(ip.String(), tcp.Port)
		if !slices.Contains(urls, u) {
			urls = append(urls, u)
		}
	}
	if len(urls) == 0 { // no interface listed: loopback still works
		urls = append(urls, siteURL(bind, tcp.Port))
	}
	return urls
}

// announce prints where the server can be opened, with a warning first
// when that is more than this machine.
func (s *server) announce(bind string, ln net.Addr) {
	ip := ln.(*net.TCPAddr).IP
	urls := listenURLs(bind, ln)
	if ip.IsLoopback() {
		s.logf("serving at %s (Ctrl+C to stop)", urls[0])
		return
	}
	s.logf("warning: --bind %s makes the preview reachable from the network: anyone who can reach this machine "+
		"can read every page, drafts included. Use --bind 127.0.0.1 to keep it on this machine; "+
		"to open it by a host name, add --allow-host NAME.", bind)
	if !ip.IsUnspecified() || len(urls) == 1 {
		s.logf("serving at %s (Ctrl+C to stop)", strings.Join(urls, ", "))
		return
	}
	s.logf("serving on every address of this machine (Ctrl+C to stop):\n    %s", strings.Join(urls, "\n    "))
}
