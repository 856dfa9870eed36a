package serve

import (
	"bufio"
	"fmt"
	"io"
	"net"
	"net/http"
	"runtime"
	"strings"
	"testing"
	"time"
)

// short are timeouts a test can wait out.
var short = Timeouts{
	ReadHeader: 200 * time.Millisecond,
	Read:       300 * time.Millisecond,
	Write:      300 * time.Millisecond,
	Idle:       300 * time.Millisecond,
}

func (r *running) addr() string {
	return strings.TrimSuffix(strings.TrimPrefix(r.url, "http://"), "/")
}

// keepAlive sends one request on a new connection and reads the whole
// response, leaving the connection open.
func keepAlive(t *testing.T, addr string) (net.Conn, *bufio.Reader) {
	t.Helper()
	conn, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { conn.Close() })
	fmt.Fprintf(conn, "GET /services/lambda/ HTTP/1.1\r\nHost: localhost\r\n\r\n")
	br := bufio.NewReader(conn)
	resp, err := http.ReadResponse(br, nil)
	if err != nil {
		t.Fatal(err)
	}
	io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || resp.Close {
		t.Fatalf("status %d, close %v: want a kept-alive 200", resp.StatusCode, resp.Close)
	}
	return conn, br
}

// closedWithin waits for the server to close conn and returns how long
// that took; more than limit fails the test.
func closedWithin(t *testing.T, conn net.Conn, r io.Reader, limit time.Duration) time.Duration {
	t.Helper()
	start := time.Now()
	conn.SetReadDeadline(start.Add(limit))
	_, err := io.Copy(io.Discard, r)
	took := time.Since(start)
	if ne, ok := err.(net.Error); ok && ne.Timeout() {
		t.Fatalf("the connection is still open after %v", limit)
	}
	return took
}

func TestIdleConnectionClosed(t *testing.T) {
	r := start(t, &fakeBuilder{}, Options{Timeouts: short})
	conn, br := keepAlive(t, r.addr())
	if took := closedWithin(t, conn, br, 5*time.Second); took < short.Idle/2 {
		t.Errorf("closed after %v, before the idle timeout %v", took, short.Idle)
	}
}

// A client that opens a connection and sends its headers slowly, or
// never, is cut off after ReadHeader.
func TestSlowHeadersClosed(t *testing.T) {
	r := start(t, &fakeBuilder{}, Options{Timeouts: short})
	conn, err := net.Dial("tcp", r.addr())
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	fmt.Fprintf(conn, "GET / HTTP/1.1\r\nHost: localhost\r\n") // and never the blank line
	closedWithin(t, conn, conn, 5*time.Second)
}

// A request whose body trickles in is cut off after Read, long before
// the body would have arrived.
func TestSlowBodyClosed(t *testing.T) {
	r := start(t, &fakeBuilder{}, Options{Timeouts: short})
	conn, err := net.Dial("tcp", r.addr())
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	const size = 100 // one byte every 50ms: 5s
	fmt.Fprintf(conn, "GET / HTTP/1.1\r\nHost: localhost\r\nContent-Length: %d\r\n\r\n", size)
	stop := make(chan struct{})
	defer close(stop)
	go func() {
		for range size {
			select {
			case <-stop:
				return
			case <-time.After(50 * time.Millisecond):
			}
			if _, err := conn.Write([]byte("x")); err != nil {
				return
			}
		}
	}()
	if took := closedWithin(t, conn, conn, 4*time.Second); took > 2*time.Second {
		t.Errorf("the slow body held the connection %v, with a read timeout of %v", took, short.Read)
	}
}

// Hundreds of idle connections do not hold a goroutine each past the idle
// timeout.
func TestIdleConnectionsFreed(t *testing.T) {
	const n = 300
	r := start(t, &fakeBuilder{}, Options{Timeouts: Timeouts{Idle: time.Second}})
	before := runtime.NumGoroutine()
	conns := make([]net.Conn, n)
	for i := range conns {
		conns[i], _ = keepAlive(t, r.addr())
	}
	held := runtime.NumGoroutine()
	if held < before+n {
		t.Fatalf("%d goroutines with %d idle connections, %d before: the test measures nothing", held, n, before)
	}
	deadline := time.Now().Add(10 * time.Second)
	for runtime.NumGoroutine() > before+n/10 {
		if time.Now().After(deadline) {
			t.Fatalf("%d goroutines 10s after %d connections went idle (%d before them)", runtime.NumGoroutine(), n, before)
		}
		time.Sleep(50 * time.Millisecond)
	}
	for _, c := range conns {
		c.SetReadDeadline(time.Now().Add(time.Second))
		if _, err := c.Read(make([]byte, 1)); err == nil {
			t.Fatal("an idle connection is still open")
		}
	}
	t.Logf("goroutines: %d before, %d with %d idle connections, %d after the idle timeout", before, held, n, runtime.NumGoroutine())
}

// The live-reload stream is not cut by the read, write or idle timeouts:
// it lives as long as its page.
func TestEventStreamOutlivesTimeouts(t *testing.T) {
	saved := heartbeat
	heartbeat = 250 * time.Millisecond
	defer func() { heartbeat = saved }()
	to := Timeouts{ReadHeader: 100 * time.Millisecond, Read: 100 * time.Millisecond, Write: 100 * time.Millisecond, Idle: 100 * time.Millisecond}
	r := start(t, &fakeBuilder{}, Options{Timeouts: to})
	evs := r.events(t)
	expect(t, evs, "hello")
	beats := 0
	for wait := time.After(time.Second); beats >= 0; {
		select {
		case ev, ok := <-evs:
			if !ok {
				t.Fatalf("the stream ended after %d heartbeats", beats)
			}
			beats++
			if ev.event != "heartbeat" {
				t.Fatalf("event %v", ev)
			}
		case <-wait:
			if beats < 2 {
				t.Fatalf("%d heartbeats in 1s, want at least 2", beats)
			}
			beats = -1
		}
	}
	r.edit(t, "content/services/lambda.md")
	expect(t, evs, "reload")
}
