package stem

import "strings"

// This file implements the dictionary-based Nazief–Adriani stemmer with the
// enhanced confix-stripping (ECS) refinements, as described in the
// literature (Nazief & Adriani 1996; Asian, Williams & Tahaghoghi 2005;
// Arifin & Setiono 2009):
//
//  1. A word found in the root dictionary is its own stem.
//  2. Reduplicated words ("anak-anak", "tolong-menolong") are stemmed part by
//     part; when every part has the same stem that stem is returned.
//  3. Rule precedence: words shaped like the confixes be-lah, be-an, me-i,
//     di-i, pe-i and te-i have their prefixes removed before their suffixes.
//     Refinement: a be- word ending in -kan is not treated as be-an
//     (berikan is beri-kan, not ber-ikan).
//  4. Otherwise suffixes go first: inflectional particle (-lah, -kah, -tah,
//     -pun), possessive pronoun (-ku, -mu, -nya), derivational suffix (-kan,
//     -an, -i), checking the dictionary after each step; then up to three
//     derivational prefixes (di-, ke-, se-, be-, te-, me-, pe-, per-) are
//     removed with the recoding rules for nasal assimilation, checking the
//     dictionary after every removal. Refinement: all recoding alternatives
//     of a prefix are looked up before any of them is reduced further
//     (memakai: mem-p gives pakai before me-m + -i gives maka).
//  5. Disallowed confixes (be-i, di-an, ke-i, me-an, se-i, te-an) stop
//     prefix removal, as do a repeated prefix type and di-/meN- anywhere but
//     at the front.
//  6. Loop pengembalian akhiran: when no root is found the suffixes are put
//     back one at a time (for -kan first only the "k", leaving -an removed),
//     in the reverse order of removal, and prefix removal is retried each
//     time.
//  7. If nothing matches, the lowercased word is returned unchanged.

const (
	// maxPrefixes is the number of derivational prefixes a word may carry.
	maxPrefixes = 3
	// minRootLen is the shortest candidate (in bytes) looked up as a root.
	minRootLen = 3
)

// Prefix kinds. meN-, peN-, ber- and ter- variants collapse to one kind each;
// per- is kept apart from peN- because they can stack (pemer-, memper-).
const (
	kindDi  = "di"
	kindKe  = "ke"
	kindSe  = "se"
	kindBe  = "be"
	kindTe  = "te"
	kindMe  = "me"
	kindPe  = "pe"
	kindPer = "per"
)

type stemmer struct {
	roots map[string]struct{}
}

func (s *stemmer) isRoot(w string) bool {
	if len(w) < minRootLen {
		return false
	}
	_, ok := s.roots[w]
	return ok
}

func (s *stemmer) stem(word string) string {
	w := strings.ToLower(word)
	if w == "" {
		return w
	}
	if strings.IndexByte(w, '-') >= 0 {
		if r, ok := s.reduplication(w); ok {
			return r
		}
		return w
	}
	return s.single(w)
}

// reduplication handles hyphenated words: full reduplication (anak-anak),
// affixed reduplication (bermain-main, anak-anaknya, tolong-menolong,
// kebarat-baratan). It succeeds only when every part has the same stem.
func (s *stemmer) reduplication(w string) (string, bool) {
	var first string
	for i, part := range strings.Split(w, "-") {
		if part == "" {
			return "", false
		}
		r := s.single(part)
		if i == 0 {
			first = r
		} else if r != first {
			return "", false
		}
	}
	return first, true
}

// single stems one unhyphenated lowercase word.
func (s *stemmer) single(w string) string {
	if s.isRoot(w) {
		return w
	}
	if prefixFirst(w) {
		if r, ok := s.walk(w, "", "", "", 0, true); ok {
			return r
		}
	}
	if r, ok := s.suffixFirst(w); ok {
		return r
	}
	return w
}

// prefixFirst reports whether the ECS rule precedence applies: words shaped
// like be-lah, be-an, me-i, di-i, pe-i or te-i lose prefixes first.
func prefixFirst(w string) bool {
	if strings.HasPrefix(w, "be") {
		// be-an means the suffix -an; a word ending in -kan (berikan =
		// beri-kan) keeps the normal suffix-first order.
		return strings.HasSuffix(w, "lah") ||
			strings.HasSuffix(w, "an") && !strings.HasSuffix(w, "kan")
	}
	if strings.HasSuffix(w, "i") {
		return strings.HasPrefix(w, "me") || strings.HasPrefix(w, "di") ||
			strings.HasPrefix(w, "pe") || strings.HasPrefix(w, "te")
	}
	return false
}

// suffixFirst is the main Nazief–Adriani order with loop pengembalian
// akhiran.
func (s *stemmer) suffixFirst(w string) (string, bool) {
	w1 := stripParticle(w)
	if w1 != w && s.isRoot(w1) {
		return w1, true
	}
	w2 := stripPossessive(w1)
	if w2 != w1 && s.isRoot(w2) {
		return w2, true
	}
	w3, suffix := stripDerivational(w2)
	if suffix != "" && s.isRoot(w3) {
		return w3, true
	}
	if r, ok := s.walk(w3, suffix, "", "", 0, false); ok {
		return r, true
	}
	// Loop pengembalian akhiran: restore suffixes in reverse order.
	if suffix == "kan" {
		wk := w3 + "k" // only "-an" removed
		if s.isRoot(wk) {
			return wk, true
		}
		if r, ok := s.walk(wk, "an", "", "", 0, false); ok {
			return r, true
		}
	}
	if suffix != "" {
		if r, ok := s.walk(w2, "", "", "", 0, false); ok {
			return r, true
		}
	}
	if w2 != w1 {
		if r, ok := s.walk(w1, "", "", "", 0, false); ok {
			return r, true
		}
	}
	if w1 != w {
		if r, ok := s.walk(w, "", "", "", 0, false); ok {
			return r, true
		}
	}
	return "", false
}

// walk removes up to maxPrefixes-depth prefixes from w depth-first, trying
// every recoding alternative, and returns the first root reached. suffix is
// the derivational suffix already removed (for the confix restrictions);
// outer is the first prefix removed and prev the last. With thenSuffix set
// (rule precedence) suffixes are stripped from each prefix-less form.
func (s *stemmer) walk(w, suffix, outer, prev string, depth int, thenSuffix bool) (string, bool) {
	if depth >= maxPrefixes {
		return "", false
	}
	var buf [4]prefixCand
	cands := prefixCandidates(w, buf[:0])
	n := 0
	for _, c := range cands {
		if len(c.rest) < minRootLen {
			continue
		}
		if depth == 0 {
			if disallowedConfix(c.kind, suffix, c.rest) {
				continue
			}
		} else if !canFollow(prev, c.kind) {
			continue
		}
		cands[n] = c
		n++
	}
	cands = cands[:n]
	// Every recoding alternative is looked up before any of them is
	// reduced further, so "memakai" finds pakai (mem-p) before maka.
	for _, c := range cands {
		if s.isRoot(c.rest) {
			return c.rest, true
		}
	}
	for _, c := range cands {
		o := outer
		if depth == 0 {
			o = c.kind
		}
		if thenSuffix {
			if r, ok := s.suffixesAfterPrefix(c.rest, o); ok {
				return r, true
			}
		}
		if r, ok := s.walk(c.rest, suffix, o, c.kind, depth+1, thenSuffix); ok {
			return r, true
		}
	}
	return "", false
}

// suffixesAfterPrefix strips suffixes from a word whose prefixes were
// removed first (rule precedence), honouring the confix restrictions of the
// outer prefix.
func (s *stemmer) suffixesAfterPrefix(w, outer string) (string, bool) {
	w1 := stripParticle(w)
	if w1 != w && s.isRoot(w1) {
		return w1, true
	}
	w2 := stripPossessive(w1)
	if w2 != w1 && s.isRoot(w2) {
		return w2, true
	}
	w3, suffix := stripDerivational(w2)
	if suffix == "" {
		return "", false
	}
	if !disallowedConfix(outer, suffix, w3) && s.isRoot(w3) {
		return w3, true
	}
	if suffix == "kan" {
		wk := w3 + "k"
		if !disallowedConfix(outer, "an", wk) && s.isRoot(wk) {
			return wk, true
		}
	}
	return "", false
}

func stripParticle(w string) string {
	for _, p := range [...]string{"lah", "kah", "tah", "pun"} {
		if strings.HasSuffix(w, p) && len(w)-len(p) >= minRootLen {
			return w[:len(w)-len(p)]
		}
	}
	return w
}

func stripPossessive(w string) string {
	for _, p := range [...]string{"nya", "ku", "mu"} {
		if strings.HasSuffix(w, p) && len(w)-len(p) >= minRootLen {
			return w[:len(w)-len(p)]
		}
	}
	return w
}

// stripDerivational removes -kan, -an or -i and reports which one.
func stripDerivational(w string) (string, string) {
	for _, p := range [...]string{"kan", "an", "i"} {
		if strings.HasSuffix(w, p) && len(w)-len(p) >= minRootLen {
			return w[:len(w)-len(p)], p
		}
	}
	return w, ""
}

// disallowedConfix reports whether the prefix kind may not combine with the
// derivational suffix: be-i, di-an, ke-i, me-an, se-i and te-an are not
// Indonesian confixes. ke-i is allowed for the root "tahu" (ketahui).
func disallowedConfix(kind, suffix, rest string) bool {
	switch suffix {
	case "i":
		switch kind {
		case kindBe, kindSe:
			return true
		case kindKe:
			return rest != "tahu"
		}
	case "an":
		return kind == kindDi || kind == kindMe || kind == kindTe
	}
	return false
}

// canFollow reports whether prefix kind next may be removed after prev. di-
// and meN- only ever stand first, and a prefix kind never repeats.
func canFollow(prev, next string) bool {
	if next == kindDi || next == kindMe {
		return false
	}
	return next != prev
}

type prefixCand struct {
	kind, rest string
}

func isVowel(b byte) bool {
	switch b {
	case 'a', 'e', 'i', 'o', 'u':
		return true
	}
	return false
}

// at returns w[i] or 0 when i is out of range.
func at(w string, i int) byte {
	if i < len(w) {
		return w[i]
	}
	return 0
}

// prefixCandidates appends the possible prefix removals of w, most likely
// first, following the ECS recoding table.
func prefixCandidates(w string, out []prefixCand) []prefixCand {
	if len(w) < 2+minRootLen {
		return out
	}
	switch w[:2] {
	case "di":
		return append(out, prefixCand{kindDi, w[2:]})
	case "ke":
		return append(out, prefixCand{kindKe, w[2:]})
	case "se":
		return append(out, prefixCand{kindSe, w[2:]})
	case "be":
		return beTe(w, kindBe, 'l', out)
	case "te":
		return beTe(w, kindTe, 0, out)
	case "me":
		return meN(w, kindMe, out)
	case "pe":
		return peN(w, out)
	}
	return out
}

// beTe handles ber-/be-/bel- and ter-/te-:
//
//	berV   -> ber-V | be-rV        terV   -> ter-V | te-rV
//	berCV  -> ber-CV               terCV  -> ter-CV
//	belajar-> bel-ajar
//	beCerV -> be-CerV (C != r, l)  teCerV -> te-CerV (C != r)
func beTe(w, kind string, el byte, out []prefixCand) []prefixCand {
	c := w[2]
	switch {
	case c == 'r':
		out = append(out, prefixCand{kind, w[3:]})
		if isVowel(at(w, 3)) {
			out = append(out, prefixCand{kind, w[2:]})
		}
	case el != 0 && strings.HasPrefix(w, "belajar"):
		out = append(out, prefixCand{kind, w[3:]})
	case !isVowel(c) && c != el && at(w, 3) == 'e' && at(w, 4) == 'r':
		out = append(out, prefixCand{kind, w[2:]})
	}
	return out
}

// meN handles the nasal prefix meN- (and, through peN, its noun twin peN-):
//
//	me{l,r,w,y}V   -> me-{l,r,w,y}V
//	mem{b,f,v}     -> mem-{b,f,v}
//	memp           -> mem-p (mempe-, memper-, mempunyai)
//	mem{V,rV}      -> me-m{V,rV} | mem-p{V,rV}
//	men{c,d,j,s,t,z} -> men-{c,d,j,s,t,z}
//	menV           -> me-nV | men-tV
//	meng{g,h,k,q}  -> meng-{g,h,k,q}
//	mengV          -> meng-V | meng-kV | menge-(monosyllable)
//	menyV          -> meny-sV | me-nyV
func meN(w, kind string, out []prefixCand) []prefixCand {
	c := w[2]
	switch c {
	case 'l', 'r', 'w', 'y':
		if isVowel(at(w, 3)) {
			out = append(out, prefixCand{kind, w[2:]})
		}
	case 'm':
		d := at(w, 3)
		switch {
		case d == 'b' || d == 'f' || d == 'v' || d == 'p':
			out = append(out, prefixCand{kind, w[3:]})
		case isVowel(d) || d == 'r':
			out = append(out, prefixCand{kind, w[2:]}, prefixCand{kind, "p" + w[3:]})
		}
	case 'n':
		d := at(w, 3)
		switch {
		case d == 'g':
			e := at(w, 4)
			switch {
			case e == 'g' || e == 'h' || e == 'k' || e == 'q':
				out = append(out, prefixCand{kind, w[4:]})
			case isVowel(e):
				out = append(out, prefixCand{kind, w[4:]}, prefixCand{kind, "k" + w[4:]})
				if e == 'e' && len(w) > 5 {
					out = append(out, prefixCand{kind, w[5:]})
				}
			}
		case d == 'y':
			if isVowel(at(w, 4)) {
				out = append(out, prefixCand{kind, "s" + w[4:]}, prefixCand{kind, w[2:]})
			}
		case d == 'c' || d == 'd' || d == 'j' || d == 's' || d == 't' || d == 'z':
			out = append(out, prefixCand{kind, w[3:]})
		case isVowel(d):
			out = append(out, prefixCand{kind, w[2:]}, prefixCand{kind, "t" + w[3:]})
		}
	}
	return out
}

// peN handles pe-, peN- and per-:
//
//	perV    -> per-V | pe-rV
//	perC    -> per-C
//	pelajar -> pel-ajar
//	pe{l,w,y}V -> pe-{l,w,y}V
//	peC (C not r, w, y, l, m, n) -> pe-C   (pekerja, pedagang, petani)
//	pem-, pen-, peng-, peny- -> as meN-
func peN(w string, out []prefixCand) []prefixCand {
	c := w[2]
	switch c {
	case 'r':
		out = append(out, prefixCand{kindPer, w[3:]})
		if isVowel(at(w, 3)) {
			out = append(out, prefixCand{kindPe, w[2:]})
		}
		return out
	case 'l':
		if strings.HasPrefix(w, "pelajar") {
			return append(out, prefixCand{kindPe, w[3:]})
		}
		return append(out, prefixCand{kindPe, w[2:]})
	case 'w', 'y':
		return append(out, prefixCand{kindPe, w[2:]})
	case 'm', 'n':
		return meN(w, kindPe, out)
	}
	if !isVowel(c) {
		out = append(out, prefixCand{kindPe, w[2:]})
	}
	return out
}
