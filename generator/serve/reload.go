package serve

import (
	"crypto/rand"
	_ "embed"
	"encoding/json"
	"errors"
	"net/http"
	"strings"
	"sync"
	"time"

	"sitegen/generator/srcerr"
)

// Live reload speaks Server-Sent Events on /_sitegen/events:
//
//	hello  {"server","build"}  on connect; a new server id or a build the
//	                           page missed while disconnected reloads it
//	reload {"build","url"?}    reload, keeping the scroll position; with
//	                           --navigate, url is the page that changed
//	css    {"build"}           only stylesheets changed: swap them in place
//	error  {"build","problems"} the build failed: show the overlay
//	ok     {"build"}           the build works again: hide the overlay
//
// A client connecting while the build is broken gets error right after
// hello. /_sitegen/status answers the same state as JSON.
const reservedPrefix = "/_sitegen/"

//go:embed reload.js
var reloadJS []byte

var reloadFile = &file{data: reloadJS, ctype: contentType("reload.js"), mod: time.Now()}

// heartbeat keeps idle SSE connections open through proxies and lets the
// server notice a client that went away.
var heartbeat = 15 * time.Second

// problem is one build error as the browser shows it.
type problem struct {
	File string `json:"file,omitempty"`
	Line int    `json:"line,omitempty"`
	Msg  string `json:"msg"`
}

func (p problem) String() string {
	return (&srcerr.Error{File: p.File, Line: p.Line, Msg: p.Msg}).Error()
}

// problems lists err's places: each *srcerr.Error of a srcerr.List, or
// the error itself.
func problems(err error) []problem {
	var list srcerr.List
	var one *srcerr.Error
	switch {
	case errors.As(err, &list):
		out := make([]problem, len(list))
		for i, e := range list {
			out[i] = problem{File: e.File, Line: e.Line, Msg: e.Msg}
		}
		return out
	case errors.As(err, &one):
		return []problem{{File: one.File, Line: one.Line, Msg: one.Msg}}
	}
	return []problem{{Msg: err.Error()}}
}

// status is the state of the latest build.
type status struct {
	Server   string    `json:"server"`
	Build    uint64    `json:"build"`
	OK       bool      `json:"ok"`
	Problems []problem `json:"problems,omitempty"`
}

type message struct {
	event string
	data  []byte
}

func newMessage(event string, v any) message {
	data, err := json.Marshal(v)
	if err != nil {
		panic(err) // only our own plain structs are marshalled
	}
	return message{event, data}
}

// hub fans messages out to every connected page.
type hub struct {
	mu    sync.Mutex
	subs  map[chan message]bool
	state status
	done  chan struct{}
}

func newHub() *hub {
	return &hub{subs: map[chan message]bool{}, state: status{Server: rand.Text(), OK: true}, done: make(chan struct{})}
}

// greeting is what a page gets on connecting. Called with h.mu held.
func (h *hub) greeting() []message {
	msgs := []message{newMessage("hello", map[string]any{"server": h.state.Server, "build": h.state.Build})}
	if !h.state.OK {
		msgs = append(msgs, newMessage("error", h.state))
	}
	return msgs
}

func (h *hub) subscribe() (chan message, []message) {
	h.mu.Lock()
	defer h.mu.Unlock()
	ch := make(chan message, 16)
	h.subs[ch] = true
	return ch, h.greeting()
}

func (h *hub) unsubscribe(ch chan message) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.subs[ch] {
		delete(h.subs, ch)
		close(ch)
	}
}

func (h *hub) status() status {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.state
}

// update sets the state and sends msgs to every page, atomically, so a
// page connecting meanwhile gets either the old state and the messages,
// or the new state. A page too slow to take them is disconnected; its
// EventSource reconnects and catches up through hello.
func (h *hub) update(st status, msgs ...message) {
	h.mu.Lock()
	defer h.mu.Unlock()
	st.Server = h.state.Server
	h.state = st
	for ch := range h.subs {
		if !offer(ch, msgs) {
			delete(h.subs, ch)
			close(ch)
		}
	}
}

func offer(ch chan message, msgs []message) bool {
	for _, m := range msgs {
		select {
		case ch <- m:
		default:
			return false
		}
	}
	return true
}

// close ends every event stream, so a graceful shutdown need not wait for
// pages that never disconnect.
func (h *hub) close() {
	h.mu.Lock()
	defer h.mu.Unlock()
	select {
	case <-h.done:
	default:
		close(h.done)
	}
}

// serveInternal answers /_sitegen/<name>.
func (s *server) serveInternal(w http.ResponseWriter, r *http.Request, name string) {
	switch name {
	case "reload.js":
		serveFile(w, r, reloadFile, http.StatusOK, "")
	case "events":
		s.hub.serveEvents(w, r, s.opts.Timeouts.Write)
	case "status":
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("Cache-Control", "no-store")
		json.NewEncoder(w).Encode(s.hub.status())
	default:
		http.NotFound(w, r)
	}
}

// serveEvents streams events until the page goes away. The server's
// write timeout would cut the stream: its deadline, set when the request
// was read, fails the first write after it. So each write moves it: a
// page stays connected as long as it takes each event within
// writeTimeout. (The read timeout does not apply: net/http clears the
// read deadline while it watches the connection for the page closing.)
func (h *hub) serveEvents(w http.ResponseWriter, r *http.Request, writeTimeout time.Duration) {
	hdr := w.Header()
	hdr.Set("Content-Type", "text/event-stream")
	hdr.Set("Cache-Control", "no-store")
	hdr.Set("X-Accel-Buffering", "no")
	if r.Method == http.MethodHead {
		return
	}
	rc := http.NewResponseController(w)
	// Clear the write deadline afterwards: the connection may be reused.
	defer rc.SetWriteDeadline(time.Time{})
	ch, greeting := h.subscribe()
	defer h.unsubscribe(ch)

	write := func(s string) bool {
		rc.SetWriteDeadline(time.Now().Add(writeTimeout))
		if _, err := w.Write([]byte(s)); err != nil {
			return false
		}
		return rc.Flush() == nil
	}
	var b strings.Builder
	b.WriteString("retry: 1000\n\n")
	for _, m := range greeting {
		b.WriteString(m.String())
	}
	if !write(b.String()) {
		return
	}
	tick := time.NewTicker(heartbeat)
	defer tick.Stop()
	for {
		select {
		case m, ok := <-ch:
			if !ok || !write(m.String()) {
				return
			}
		case <-tick.C:
			if !write(": ping\n\n") {
				return
			}
		case <-r.Context().Done():
			return
		case <-h.done:
			return
		}
	}
}

// String is m in the event-stream format. JSON has no raw newlines, so
// the data is one line.
func (m message) String() string {
	return "event: " + m.event + "\ndata: " + string(m.data) + "\n\n"
}
