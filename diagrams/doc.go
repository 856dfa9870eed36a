// Package diagrams turns D2 source into inline SVG, in child processes or in
// process. It is the only package in sitegen that imports D2
// (oss.terrastruct.com/d2); the D2 source of the diagrams generated from
// service data comes from its subpackage graph.
//
// # Rendering
//
// [Renderer.Render] compiles D2 source with the dagre layout and renders it
// twice, once per site theme, into one HTML fragment:
//
//	<figure class="diagram">
//	  <div class="diagram-light"><svg role="img" aria-labelledby="…-title …-desc">…</svg></div>
//	  <div class="diagram-dark"><svg role="img" aria-labelledby="…">…</svg></div>
//	  <div class="diagram-actions">
//	    <a class="btn diagram-file diagram-light" href="/diagrams/<hash>.svg">Open full size…</a>
//	    <a class="btn diagram-file diagram-dark" href="/diagrams/<hash>.svg">Open full size…</a>
//	  </div>
//	  <figcaption>Title</figcaption>   (only when Options.Title is set)
//	</figure>
//
// The light rendering uses D2 theme "Neutral Default"
// (d2themescatalog.NeutralDefault), the dark one "Dark Mauve"
// (d2themescatalog.DarkMauve); a theme set inside the D2 source is ignored so every
// diagram on the site shares one look. Both renderings are always present; the
// page CSS must show exactly one of them, for example:
//
//	.diagram-dark { display: none; }
//	[data-theme=dark] .diagram-light { display: none; }
//	[data-theme=dark] .diagram-dark { display: block; }
//
// Each SVG carries width and height attributes (its natural size) and an
// inline style of max-width:100%;height:auto, so it shrinks on narrow screens
// and is never blown up beyond its natural size.
//
// D2 styles each rendering through class names prefixed with a per-rendering
// hash (d2-<number>); the light and dark renderings get different hashes, and
// the few rules D2 leaves unscoped (.shape, .connection, .md, …) are scoped to
// that hash here, so any number of diagrams can share a page without touching
// each other's styles or the page's own. In the other direction, D2's SVG
// uses plain class names (.shape, .connection, .text-bold, .md, …), so the
// theme must not style those globally. The dark rendering reuses the fonts
// embedded in the light one (a third of a figure's size), so keep the two
// together as Render returns them. The same diagram included twice on a
// page repeats identical ids, which browsers tolerate because the referenced
// elements are identical.
//
// # Standalone files
//
// Each figure links, per theme, a standalone SVG file that opens the
// diagram full size with JavaScript off (the page's CSS shows the link of
// the theme shown, as it does the SVG). Its path is Options.BasePath +
// "diagrams/" + a hash of everything its bytes come from, so the file may
// be cached forever and the same diagram on two pages is one file.
// [Renderer.Files] gives the build the files a page's HTML links to, by
// output path. A file is a complete XML document (xmlns, <title>, <desc>,
// the fonts it needs: the dark one carries its own) written from the
// sanitized SVG even when Options.UnsafeHTML is set, since an SVG opened
// as a page runs its scripts with the site's origin.
//
// A node with a D2 link (link: /services/ecs/) becomes an <a href> in the SVG.
// D2 drops links that look like a D2 key (link: ecs), so use an absolute path
// or a full URL; only http, https, mailto and relative links are kept (see
// Untrusted input). D2 imports (@file) are refused: a diagram is its source text
// alone, which is what the cache key covers. Only the root board is rendered
// (no layers, scenarios or steps).
//
// # Accessibility
//
// Each SVG has role="img" and is labelled by its own <title> (Options.Title, or
// "Diagram") and <desc> (Options.Description, or a sentence derived from the
// diagram: "Diagram with nodes A, B, C; edges A → B (calls), B → C."). Links
// inside a role="img" SVG are clickable but not announced by screen readers, so
// the page text should link the same targets.
//
// # Untrusted input
//
// D2 draws what the notes say, and the notes are untrusted: a Markdown label
// becomes HTML inside a <foreignObject> (raw HTML included), link: an
// <a href>, icon: an <image href>. Unless Options.UnsafeHTML is set (the
// site's unsafe_html = true), each SVG is parsed as a browser parses inline
// SVG and written back from an allow-list of the SVG elements and attributes
// D2 emits (sanitize.go): no script, animation or other elements, no event
// handlers; links only to http, https, mailto or relative targets; images
// only data:image/ or on the site (an icon from another host is dropped:
// put it beside the notes); <use> and url() only to #ids in the diagram;
// <style> only when it imports nothing and loads only data: fonts and
// images. Label HTML passes the notes' raw-HTML allow-list (package
// internal/htmlpolicy) plus D2's class names and label colours. The bundled
// site's diagrams come out unchanged.
//
// # Caching
//
// Results are cached by content: the key is the SHA-256 of the D2 source, the
// theme ids, the padding, whether the SVG is sanitized, [RendererVersion] and
// the D2 module version. Hits are served from memory, then from
// Config.CacheDir (one JSON file per key, written atomically, holding its key
// and a checksum; a file that does not match, or is not a regular file, is a
// miss and is rendered again). The cache folder sits in the site, as
// untrusted as the notes, so what is read from it is sanitized again before
// use. Title and description are applied on every call, so they are not
// part of the key. Concurrent renders of the same source share one D2 call.
//
// # Errors and timeouts
//
// Invalid D2 yields a [*SourceError] whose Line is 1-based within the D2
// source; the caller adds the note's path and the fence's line offset. A
// layout that runs longer than Config.Timeout (or Options.Timeout) fails
// with a [*TimeoutError]. D2 does not honour context cancellation (its dagre
// layout runs in a goja JavaScript VM that is never interrupted), so with
// Config.Child it runs in child processes ([ServeChild], a few kept warm):
// a render that times out, or whose callers have all cancelled, has its
// child killed (its process group on Unix), which returns its memory.
// Without Config.Child (tests) the work runs in a goroutine: Render returns
// on timeout or cancellation, while the abandoned goroutine finishes in the
// background and its late result is discarded.
//
// # Generated diagrams
//
// The architecture diagrams made from service data are written as D2 source
// by the subpackage [sitegen/diagrams/graph] (Graph.D2, one shape per
// NodeKind, RelationEdge for a note's links:), which imports nothing of
// D2, so the build can make graphs without this package. The build hands
// that source to [Renderer.Render] like any other diagram.
//
// This package does not know about notes, front matter or Markdown fences: the
// build extracts sources (and writes graphs with package graph) and hands them in.
package diagrams
