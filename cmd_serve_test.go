package main

import (
	"bytes"
	"io"
	"net/http"
	"strings"
	"testing"
)

// `sitegen serve` answers only its own names; --allow-host, repeated or
// with commas, adds others.
func TestServeAllowHost(t *testing.T) {
	dir := writeLiveSite(t)
	base, out := browserServe(t, "--src", dir, "--port", "0", "--allow-host", "mybox.local, docs.example", "--allow-host", "*.tunnel.example")
	get := func(host string) (int, string) {
		t.Helper()
		req, err := http.NewRequest("GET", base+"services/a/", nil)
		if err != nil {
			t.Fatal(err)
		}
		req.Host = host
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		body, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(body)
	}
	for _, host := range []string{"localhost", "mybox.local", "docs.example:1313", "x.tunnel.example"} {
		if code, body := get(host); code != 200 || !strings.Contains(body, "original alpha text") {
			t.Errorf("Host %s: %d, want the page", host, code)
		}
	}
	code, body := get("evil.example")
	if code != http.StatusMisdirectedRequest || !strings.Contains(body, "--allow-host evil.example") {
		t.Errorf("Host evil.example: %d %q, want 421 naming --allow-host", code, body)
	}
	if !strings.Contains(out.String(), `refused a request for host "evil.example"`) {
		t.Errorf("the terminal does not report the refused host:\n%s", out)
	}
}

func TestServeAllowHostBad(t *testing.T) {
	var stdout, stderr bytes.Buffer
	code := run(t.Context(), []string{"serve", "--src", writeLiveSite(t), "--port", "0", "--allow-host", "https://mybox.local/"}, &stdout, &stderr)
	if code == 0 || !strings.Contains(stderr.String(), `--allow-host "https://mybox.local/": give a host name`) {
		t.Errorf("exit %d, stderr %q", code, stderr.String())
	}
}
