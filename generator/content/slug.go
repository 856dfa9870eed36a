package content

import (
	"crypto/sha256"
	"encoding/hex"
	"net/url"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Slugify makes a stable, lower-case ASCII slug: accents are dropped
// ("Café" → "cafe"), runs of anything else become one hyphen. It is a
// lenient key for matching names, not a URL: two different names may
// share a slug.
func Slugify(s string) string {
	var b strings.Builder
	hyphen := false
	for _, r := range norm.NFKD.String(s) {
		switch {
		case unicode.Is(unicode.Mn, r):
			continue
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9':
		case r >= 'A' && r <= 'Z':
			r = unicode.ToLower(r)
		default:
			hyphen = b.Len() > 0
			continue
		}
		if hyphen {
			b.WriteByte('-')
			hyphen = false
		}
		b.WriteRune(r)
	}
	return b.String()
}

// URLSegment turns one file or folder name (without extension) into the
// URL segment of its page, as a decoded path segment that is also a safe
// file name on Linux, macOS and Windows. It keeps what makes a name
// distinct, so two notes merge only when their names differ in letter
// case or in space against '-':
//
//	"API Gateway" → "api-gateway"    "x_y" → "x_y"    "C++" → "c++"
//	"Café" (NFC or NFD) → "café"     "[" → "["        "a:b" → "a-b"
//
// Names that would leave nothing distinct ("", ".", "..", "?") become
// "_" and the hex of their bytes, which no other name maps to by chance.
func URLSegment(name string) string {
	name = norm.NFC.String(name)
	var b strings.Builder
	for _, r := range name {
		switch {
		case unicode.IsSpace(r):
			r = '-'
		case r < 0x20 || unicode.IsControl(r) || strings.ContainsRune(`<>:"/\|?*`, r):
			r = '-' // not allowed in a Windows file name
		default:
			r = unicode.ToLower(r)
		}
		b.WriteRune(r)
	}
	seg := b.String()
	if strings.Trim(seg, ".") == "" || (strings.Trim(seg, ".-") == "" && seg != strings.ToLower(name)) {
		return ShortenSegment("_" + hex.EncodeToString([]byte(name)))
	}
	// Windows drops trailing dots from file names, and reserves device
	// names whatever their extension.
	if strings.HasSuffix(seg, ".") {
		seg = strings.TrimRight(seg, ".") + "-"
	}
	if stem, _, _ := strings.Cut(seg, "."); windowsDevices[stem] {
		seg += "_"
	}
	return ShortenSegment(seg)
}

// MaxSegment is the longest URL segment in bytes. A page's segment is a
// folder name in the output, and most file systems allow 255 bytes per
// name.
const MaxSegment = 255

// ShortenSegment keeps a decoded URL segment within MaxSegment bytes: a
// longer one becomes its first 200 bytes (whole characters), a hyphen and
// 16 hex digits of the SHA-256 of the whole segment, so the same name
// always gives the same URL and two long names sharing a beginning stay
// apart. The URL itself is shortened, so links, the sitemap and the file
// agree.
func ShortenSegment(seg string) string {
	if len(seg) <= MaxSegment {
		return seg
	}
	cut := 200
	for cut > 0 && !utf8.RuneStart(seg[cut]) {
		cut--
	}
	sum := sha256.Sum256([]byte(seg))
	return seg[:cut] + "-" + hex.EncodeToString(sum[:8])
}

var windowsDevices = map[string]bool{"con": true, "prn": true, "aux": true, "nul": true,
	"com1": true, "com2": true, "com3": true, "com4": true, "com5": true, "com6": true, "com7": true, "com8": true, "com9": true,
	"lpt1": true, "lpt2": true, "lpt3": true, "lpt4": true, "lpt5": true, "lpt6": true, "lpt7": true, "lpt8": true, "lpt9": true}

// UnderBase puts a site path (/services/lambda/) under a base path ("/"
// or "/notes/", with its slash): /notes/services/lambda/. It is the one
// join every link the build writes goes through.
func UnderBase(base, sitePath string) string {
	if base == "/" && strings.HasPrefix(sitePath, "/") {
		return sitePath // the common case, without a copy: every link of every page comes here
	}
	return base + strings.TrimPrefix(sitePath, "/")
}

// EscapePath percent-encodes a decoded site path segment by segment, as
// it goes into an href: /notes/[/ → /notes/%5B/, /c++/ stays /c++/.
func EscapePath(p string) string {
	segs := strings.Split(p, "/")
	for i, s := range segs {
		segs[i] = url.PathEscape(s)
	}
	return strings.Join(segs, "/")
}

// UnescapePath decodes a percent-encoded site path (/notes/%5B/ →
// /notes/[/), the form output files and request paths use. A path that
// is not valid percent-encoding is returned as it is.
func UnescapePath(p string) string {
	if !strings.Contains(p, "%") {
		return p
	}
	if d, err := url.PathUnescape(p); err == nil {
		return d
	}
	return p
}

// canonicalURL is the one spelling of a site path that Site.Page knows:
// NFC, decoded, then escaped again.
func canonicalURL(u string) string {
	return EscapePath(norm.NFC.String(UnescapePath(u)))
}
