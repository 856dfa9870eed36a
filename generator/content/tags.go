package content

import (
	"net/url"
	"strings"
	"unicode"
)

// TagsURL is the site path of the generated page that lists every tag.
const TagsURL = "/tags/"

// TagURL is the site path of a tag's page, shared by the tag links in
// notes and the tag pages themselves: lower case, one segment per "/"
// level, anything but letters, digits and -_+. turned into '-', each
// segment percent-encoded ("AWS/Lambda" → /tags/aws/lambda/). A tag with
// nothing left maps to TagsURL itself.
func TagURL(name string) string {
	var segs []string
	for _, seg := range strings.Split(strings.ToLower(name), "/") {
		seg = strings.Map(func(r rune) rune {
			if unicode.IsLetter(r) || unicode.IsDigit(r) || strings.ContainsRune("-_+.", r) {
				return r
			}
			return '-'
		}, strings.TrimSpace(seg))
		if strings.Trim(seg, ".") != "" {
			segs = append(segs, url.PathEscape(ShortenSegment(seg)))
		}
	}
	if len(segs) == 0 {
		return TagsURL
	}
	return TagsURL + strings.Join(segs, "/") + "/"
}
