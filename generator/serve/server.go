// Package serve owns the editors' preview: an HTTP server on loopback that serves the site a build
// session keeps in memory, a watcher that turns saves in the source folders into rebuilds, and
// Server-Sent Events that make open pages reload by themselves (keeping their scroll position).
// A broken edit never stops the server: every page that can be built is served (a broken page keeps
// its last good version), the error is printed in the terminal and shown as an overlay on every
// HTML page until the next good save.
package serve

import (
	"bytes"
	"encoding/json"
	"fmt"
	"html"
	"io"
	"mime"
	"net"
	"net/http"
	"path"
	"strings"
	"sync"
	"time"
)

// Site is what the server needs from a build session.
type Site interface {
	// File returns the bytes published at a site path ("/id/x/index.html"), as the preview serves them now.
	File(urlPath string) ([]byte, bool)
}

// Server serves a Site and pushes reload and error events to open pages.
type Server struct {
	site Site
	// Status renders the translation status page served at /_status/ (nil: not served).
	Status func(w io.Writer) error

	// MaxStreams bounds the open event streams; a page beyond it gets 503 and retries later.
	MaxStreams int

	mu      sync.Mutex
	errText string
	banner  string // see SetBanner
	clients map[chan event]struct{}
	hosts   map[string]bool // allowed Host headers (lower case); empty: loopback names only

	statusMu   sync.Mutex
	generation uint64      // bumped by Changed: the status report must be computed again
	status     *statusCall // the report of a generation, being computed or done
}

// statusCall is one computation of the status report, shared by the requests of its generation.
type statusCall struct {
	generation uint64
	done       chan struct{}
	data       []byte
	err        error
}

// DefaultMaxStreams is the default bound on open event streams (each open preview tab holds one).
const DefaultMaxStreams = 100

type event struct {
	name string
	data string
}

// New returns a server for site.
func New(site Site) *Server {
	return &Server{site: site, clients: map[chan event]struct{}{}, hosts: map[string]bool{}, MaxStreams: DefaultMaxStreams}
}

// AllowHost adds a Host header value ("127.0.0.1:1313", "192.168.1.5:1313") the server answers
// to. Requests naming any other host are refused: a page on another site whose domain name was
// pointed at this address (DNS rebinding) must not read the preview. Until a host is added, only
// loopback names (localhost, 127.0.0.1, [::1]) with any port are allowed.
func (s *Server) AllowHost(hostport string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.hosts[strings.ToLower(hostport)] = true
}

// hostAllowed reports whether a request's Host header names this server.
func (s *Server) hostAllowed(host string) bool {
	host = strings.ToLower(host)
	s.mu.Lock()
	defer s.mu.Unlock()
	if len(s.hosts) > 0 {
		return s.hosts[host]
	}
	name, _, err := net.SplitHostPort(host)
	if err != nil {
		name = host
	}
	name = strings.TrimSuffix(strings.TrimPrefix(name, "["), "]")
	if name == "localhost" {
		return true
	}
	ip := net.ParseIP(name)
	return ip != nil && ip.IsLoopback()
}

// Changed says that the sources changed: the status report is computed again at the next request.
func (s *Server) Changed() {
	s.statusMu.Lock()
	s.generation++
	s.statusMu.Unlock()
}

// statusReport returns the status report of the current generation, computing it only when no
// request of this generation did: concurrent requests share one computation.
func (s *Server) statusReport() ([]byte, error) {
	s.statusMu.Lock()
	c := s.status
	if c == nil || c.generation != s.generation {
		c = &statusCall{generation: s.generation, done: make(chan struct{})}
		s.status = c
		s.statusMu.Unlock()
		defer close(c.done)
		var buf bytes.Buffer
		c.err = s.Status(&buf)
		c.data = buf.Bytes()
		return c.data, c.err
	}
	s.statusMu.Unlock()
	<-c.done
	return c.data, c.err
}

// EventsPath is where pages listen for reload and error events.
const EventsPath = "/_pandu/events"

// StatusPath is where the translation status report is served.
const StatusPath = "/_status/"

// Reload tells open pages that these site paths changed ("/id/x/" for pages, "/css/a.css" for
// files). Pages showing one of them reload; the error overlay, if any, goes away.
func (s *Server) Reload(changed []string) {
	s.mu.Lock()
	hadError := s.errText != ""
	s.errText = ""
	s.mu.Unlock()
	if hadError {
		s.broadcast(event{name: "ok", data: "{}"})
	}
	if len(changed) == 0 {
		return
	}
	b, _ := json.Marshal(changed)
	s.broadcast(event{name: "reload", data: string(b)})
}

// SetBanner sets a short notice for the editor, shown at the foot of every page served from now
// on (such as a placeholder base_url); "" removes it. Like the overlay, only the preview adds it.
func (s *Server) SetBanner(msg string) {
	s.mu.Lock()
	s.banner = msg
	s.mu.Unlock()
}

// Notify tells open pages that these site paths changed, like Reload, but leaves the error overlay
// as it is: a build with errors still updates every page it could build.
func (s *Server) Notify(changed []string) {
	if len(changed) == 0 {
		return
	}
	b, _ := json.Marshal(changed)
	s.broadcast(event{name: "reload", data: string(b)})
}

// Fail shows msg as an overlay on every page until the next Reload.
func (s *Server) Fail(msg string) {
	s.mu.Lock()
	s.errText = msg
	s.mu.Unlock()
	b, _ := json.Marshal(map[string]string{"message": msg})
	s.broadcast(event{name: "error", data: string(b)})
}

// Error returns the current build error, or "".
func (s *Server) Error() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.errText
}

func (s *Server) broadcast(e event) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for c := range s.clients {
		select {
		case c <- e:
		default: // a stalled client misses an event rather than blocking the build
		}
	}
}

// ServeHTTP serves the site, the event stream and the status page.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if !s.hostAllowed(r.Host) {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		w.Header().Set("X-Content-Type-Options", "nosniff")
		w.WriteHeader(http.StatusForbidden)
		io.WriteString(w, "Forbidden: this preview answers only at the address pandu serve printed.\n")
		return
	}
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	switch {
	case r.URL.Path == EventsPath:
		s.events(w, r)
		return
	case r.URL.Path == StatusPath && s.Status != nil:
		data, err := s.statusReport()
		if err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
		s.write(w, r, "status.html", data, http.StatusOK)
		return
	}
	// Only files of the built site exist here: the path is cleaned and looked up in memory, so
	// no ".." or symlink can lead outside it.
	p := path.Clean("/" + r.URL.Path)
	if strings.HasSuffix(r.URL.Path, "/") && p != "/" {
		p += "/"
	}
	name := p
	if strings.HasSuffix(name, "/") {
		name += "index.html"
	}
	data, ok := s.site.File(name)
	if !ok && !strings.HasSuffix(p, "/") {
		if _, dir := s.site.File(p + "/index.html"); dir {
			http.Redirect(w, r, p+"/", http.StatusMovedPermanently)
			return
		}
	}
	if !ok {
		s.notFound(w, r, p)
		return
	}
	s.write(w, r, name, data, http.StatusOK)
}

func (s *Server) notFound(w http.ResponseWriter, r *http.Request, p string) {
	lang := strings.SplitN(strings.TrimPrefix(p, "/"), "/", 2)[0]
	for _, candidate := range []string{"/" + lang + "/404.html", "/404.html"} {
		if data, ok := s.site.File(candidate); ok {
			s.write(w, r, candidate, data, http.StatusNotFound)
			return
		}
	}
	// No build yet (the first one failed): an HTML page, so the overlay and the reload script
	// reach the editor, who then sees the error and the page once it is fixed.
	s.write(w, r, "404.html", []byte("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Not found</title></head><body><p>Nothing is published at this address yet.</p></body></html>"), http.StatusNotFound)
}

func (s *Server) write(w http.ResponseWriter, r *http.Request, name string, data []byte, status int) {
	ctype := mime.TypeByExtension(path.Ext(name))
	switch path.Ext(name) {
	case ".webmanifest":
		ctype = "application/manifest+json"
	case ".md", ".txt", "":
		ctype = "text/plain; charset=utf-8"
	}
	if ctype == "" {
		ctype = "application/octet-stream"
	}
	if strings.HasPrefix(ctype, "text/html") {
		data = s.inject(data)
	}
	h := w.Header()
	h.Set("Content-Type", ctype)
	h.Set("Cache-Control", "no-store")
	h.Set("X-Content-Type-Options", "nosniff")
	w.WriteHeader(status)
	if r.Method != http.MethodHead {
		w.Write(data)
	}
}

// inject adds the live-reload script, and the error overlay while a build error lasts, before
// </body>. It is added only while serving: built files never carry it.
func (s *Server) inject(page []byte) []byte {
	var add bytes.Buffer
	s.mu.Lock()
	banner := s.banner
	s.mu.Unlock()
	if banner != "" {
		add.WriteString(Banner(banner))
	}
	if msg := s.Error(); msg != "" {
		add.WriteString(Overlay(msg))
	}
	add.WriteString("<script>")
	add.WriteString(liveScript)
	add.WriteString("</script>")
	i := bytes.LastIndex(page, []byte("</body>"))
	if i < 0 {
		return append(append([]byte{}, page...), add.Bytes()...)
	}
	out := make([]byte, 0, len(page)+add.Len())
	out = append(out, page[:i]...)
	out = append(out, add.Bytes()...)
	return append(out, page[i:]...)
}

// Banner is the HTML of a preview notice: a small bar at the top of the page.
func Banner(msg string) string {
	return `<div id="pandu-banner" role="note" style="position:sticky;bottom:0;z-index:2147483646;background:#fff8db;color:#3d2e00;border-top:2px solid #b58900;padding:.4rem .75rem;font:14px/1.4 system-ui,sans-serif">Pandu preview: ` +
		html.EscapeString(msg) + `</div>`
}

// Overlay is the HTML of the error overlay for msg.
func Overlay(msg string) string {
	return `<div id="pandu-error" role="alert" style="` + overlayStyle + `"><p style="margin:0 0 .5rem;font-weight:700">Pandu: the site has errors. Every page without one is up to date; a page with an error shows its last good version.</p><pre style="white-space:pre-wrap;margin:0;font:14px/1.4 monospace">` +
		html.EscapeString(msg) + `</pre></div>`
}

const overlayStyle = "position:fixed;inset:auto 0 0 0;max-height:60vh;overflow:auto;z-index:2147483647;background:#fff4f4;color:#600;border-top:4px solid #c00;padding:1rem;font:16px/1.5 system-ui,sans-serif;box-shadow:0 -4px 16px rgba(0,0,0,.2)"

// liveScript reloads the page when something it shows changed, keeping the scroll position, and
// shows or hides the error overlay.
var liveScript = `(function(){
var K="pandu-scroll:"+location.pathname,y=sessionStorage.getItem(K);
if(y!==null){sessionStorage.removeItem(K);addEventListener("load",function(){scrollTo(0,+y)});}
function uses(p){if(p===location.pathname||p===location.pathname+"index.html")return true;
var n=document.querySelectorAll("[src],link[href]");for(var i=0;i<n.length;i++){var a=n[i].getAttribute("src")||n[i].getAttribute("href");if(a===p)return true;}return false;}
function reload(){sessionStorage.setItem(K,String(scrollY));location.reload();}
function overlay(m){var d=document.getElementById("pandu-error");if(!d){d=document.createElement("div");d.id="pandu-error";d.setAttribute("role","alert");d.setAttribute("style",` + fmt.Sprintf("%q", overlayStyle) + `);document.body.appendChild(d);}
d.textContent="";var h=document.createElement("p");h.style.cssText="margin:0 0 .5rem;font-weight:700";h.textContent="Pandu: the site has errors. Every page without one is up to date; a page with an error shows its last good version.";var pre=document.createElement("pre");pre.style.cssText="white-space:pre-wrap;margin:0;font:14px/1.4 monospace";pre.textContent=m;d.appendChild(h);d.appendChild(pre);}
function connect(){var es=new EventSource("` + EventsPath + `");
es.addEventListener("reload",function(e){var c=JSON.parse(e.data);for(var i=0;i<c.length;i++){if(uses(c[i])){reload();return;}}});
es.addEventListener("error",function(e){if(e.data){overlay(JSON.parse(e.data).message);}else if(es.readyState===2){setTimeout(connect,10000);}});
es.addEventListener("ok",function(){var d=document.getElementById("pandu-error");if(d){d.remove();reload();}});}
connect();
})();`

// events streams reload and error events to one page.
func (s *Server) events(w http.ResponseWriter, r *http.Request) {
	flusher, ok := w.(http.Flusher)
	if !ok {
		http.Error(w, "streaming unsupported", http.StatusInternalServerError)
		return
	}
	h := w.Header()
	c := make(chan event, 16)
	s.mu.Lock()
	if len(s.clients) >= s.MaxStreams {
		s.mu.Unlock()
		// The page's script tries again later; until then it does not reload by itself.
		h.Set("Retry-After", "10")
		http.Error(w, "too many open preview pages; close some tabs", http.StatusServiceUnavailable)
		return
	}
	h.Set("Content-Type", "text/event-stream")
	h.Set("Cache-Control", "no-store")
	s.clients[c] = struct{}{}
	current := s.errText
	s.mu.Unlock()
	defer func() {
		s.mu.Lock()
		delete(s.clients, c)
		s.mu.Unlock()
	}()
	fmt.Fprint(w, "retry: 1000\n\n")
	if current != "" {
		b, _ := json.Marshal(map[string]string{"message": current})
		fmt.Fprintf(w, "event: error\ndata: %s\n\n", b)
	}
	flusher.Flush()
	keepalive := time.NewTicker(20 * time.Second)
	defer keepalive.Stop()
	for {
		select {
		case <-r.Context().Done():
			return
		case e := <-c:
			fmt.Fprintf(w, "event: %s\ndata: %s\n\n", e.name, e.data)
			flusher.Flush()
		case <-keepalive.C:
			fmt.Fprint(w, ": keepalive\n\n")
			flusher.Flush()
		}
	}
}
