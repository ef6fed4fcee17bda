package stem

import (
	"reflect"
	"strings"
	"sync"
	"testing"
	"unicode/utf8"
)

func TestIndonesian(t *testing.T) {
	for _, c := range indonesianCases {
		if got := Indonesian(c.word); got != c.want {
			t.Errorf("Indonesian(%q) = %q, want %q", c.word, got, c.want)
		}
	}
}

// The groups the search must conflate: every word in a group has the same
// stem.
func TestSameStem(t *testing.T) {
	groups := [][]string{
		{"kerja", "bekerja", "pekerja", "pekerjaan", "dipekerjakan", "mempekerjakan"},
		{"lindung", "perlindungan", "pelindungan", "melindungi", "dilindungi"},
		{"berangkat", "keberangkatan", "pemberangkatan", "diberangkatkan"},
	}
	for _, g := range groups {
		want := Indonesian(g[0])
		for _, w := range g[1:] {
			if got := Indonesian(w); got != want {
				t.Errorf("Indonesian(%q) = %q, want %q like %q", w, got, want, g[0])
			}
		}
	}
}

var malayCases = []struct{ word, want string }{
	{"pekerjaan", "kerja"}, {"pekerja", "kerja"}, {"bekerja", "kerja"}, {"sekerja", "kerja"},
	{"perlindungan", "lindung"}, {"berlepas", "lepas"}, {"pemberhentian", "henti"},
	{"diberhentikan", "henti"}, {"kerajaan", "raja"}, {"kesihatan", "sihat"}, {"sihat", "sihat"},
	{"pemerdagangan", "dagang"}, {"penyeludupan", "seludup"}, {"penderaan", "dera"},
	{"ugutan", "ugut"}, {"diugut", "ugut"}, {"dirogol", "rogol"}, {"pampasan", "pampas"},
	{"majikan", "majikan"}, {"majikannya", "majikan"}, {"wang", "wang"}, {"pasport", "pasport"},
	{"penghantaran", "hantar"}, {"dihantar", "hantar"}, {"menghantar", "hantar"},
	{"aduan", "adu"}, {"mengadu", "adu"}, {"tuntutan", "tuntut"}, {"perbicaraan", "bicara"},
	{"peguam", "guam"}, {"kemalangan", "malang"}, {"rawatan", "rawat"}, {"perubatan", "ubat"},
	{"ubat", "ubat"}, {"jabatan", "jabat"}, {"pejabat", "jabat"}, {"caruman", "carum"},
	{"pencen", "pencen"}, {"berlesen", "lesen"}, {"kakitangan", "kakitangan"},
	{"berjaya", "jaya"}, {"kejayaan", "jaya"}, {"percuma", "percuma"}, {"kerana", "kerana"},
	{"daripada", "daripada"}, {"cubalah", "cuba"}, {"dicuba", "cuba"}, {"insurans", "insurans"},
	{"pemeriksaan", "periksa"}, {"saringan", "saring"}, {"kebajikan", "bajik"},
	{"lawatan", "lawat"}, {"perkhidmatan", "khidmat"}, {"kesatuan", "satu"}, {"pertubuhan", "tubuh"},
	{"ansuran", "ansur"}, {"undang-undang", "undang"}, {"pekerja-pekerja", "kerja"},
	{"pengesahan", "sah"}, {"penamatan", "tamat"}, {"disiasat", "siasat"}, {"penyiasatan", "siasat"},
	{"mingguan", "minggu"}, {"ditangguhkan", "tangguh"}, {"Kuala", "kuala"},
}

func TestMalay(t *testing.T) {
	for _, c := range malayCases {
		if got := Malay(c.word); got != c.want {
			t.Errorf("Malay(%q) = %q, want %q", c.word, got, c.want)
		}
	}
}

// Malay-only roots are not in the Indonesian dictionary.
func TestRootSetsDiffer(t *testing.T) {
	if got := Indonesian("kesihatan"); got != "kesihatan" {
		t.Errorf("Indonesian(kesihatan) = %q, want it unchanged", got)
	}
	if got := Indonesian("kesehatan"); got != "sehat" {
		t.Errorf("Indonesian(kesehatan) = %q, want sehat", got)
	}
	if got := Malay("kesehatan"); got != "sehat" {
		t.Errorf("Malay(kesehatan) = %q, want sehat (shared roots)", got)
	}
}

var englishCases = []struct{ word, want string }{
	{"workers", "worker"}, {"working", "work"}, {"worked", "work"}, {"protection", "protect"},
	{"protected", "protect"}, {"rights", "right"}, {"migrants", "migrant"}, {"migration", "migrat"},
	{"employment", "employ"}, {"employer", "employ"}, {"wages", "wage"}, {"passports", "passport"},
	{"complaints", "complaint"}, {"trafficking", "traffick"}, {"contracts", "contract"},
	{"insurance", "insur"}, {"training", "train"}, {"documents", "document"}, {"families", "famili"},
	{"violence", "violenc"}, {"returning", "return"}, {"government", "govern"},
	{"recruitment", "recruit"}, {"agencies", "agenc"}, {"Health", "health"}, {"the", "the"},
	{"Abused", "abus"}, {"paid", "paid"},
}

func TestEnglish(t *testing.T) {
	for _, c := range englishCases {
		if got := English(c.word); got != c.want {
			t.Errorf("English(%q) = %q, want %q", c.word, got, c.want)
		}
	}
	if got := English(""); got != "" {
		t.Errorf("English(\"\") = %q", got)
	}
	if got := English(" "); got != " " {
		t.Errorf("English(\" \") = %q, want the lowercased input", got)
	}
}

func TestFor(t *testing.T) {
	cases := []struct{ lang, word, want string }{
		{"id", "pekerjaan", "kerja"}, {"ID", "Pekerjaan", "kerja"}, {"id-ID", "pekerjaan", "kerja"},
		{"ms", "kesihatan", "sihat"}, {"ms_MY", "kesihatan", "sihat"}, {"id", "kesihatan", "kesihatan"},
		{"en", "workers", "worker"}, {"en-GB", "Workers", "worker"},
		{"fr", "Travailleurs", "travailleurs"}, {"", "PEKERJAAN", "pekerjaan"}, {"tl", "Manggagawa", "manggagawa"},
	}
	for _, c := range cases {
		if got := For(c.lang)(c.word); got != c.want {
			t.Errorf("For(%q)(%q) = %q, want %q", c.lang, c.word, got, c.want)
		}
	}
}

func TestTokenize(t *testing.T) {
	cases := []struct {
		text string
		want []string
	}{
		{"", nil},
		{"  ,.;  ", nil},
		{"Anak-anak bekerja, di luar negeri!", []string{"anak-anak", "bekerja", "di", "luar", "negeri"}},
		{"-awal akhir- tengah--tengah", []string{"awal", "akhir", "tengah", "tengah"}},
		{"e-KTP 2024 & UU No. 18/2017", []string{"e-ktp", "2024", "uu", "no", "18", "2017"}},
		{"pekerja—migran (PMI)", []string{"pekerja", "migran", "pmi"}},
		{"Café naïve ÉCOLE", []string{"café", "naïve", "école"}},
		{"cafe\u0301 ok", []string{"cafe\u0301", "ok"}},
		{"don't", []string{"don", "t"}},
		{"gaji:Rp5.000.000,-", []string{"gaji", "rp5", "000", "000"}},
		{"tolong-menolong\nkerja-kerja\tbuku-bukunya", []string{"tolong-menolong", "kerja-kerja", "buku-bukunya"}},
		{"bad\xffbyte", []string{"bad", "byte"}},
	}
	for _, c := range cases {
		if got := Tokenize(c.text); !reflect.DeepEqual(got, c.want) {
			t.Errorf("Tokenize(%q) = %q, want %q", c.text, got, c.want)
		}
	}
}

func TestRootLists(t *testing.T) {
	id := buildDictionary(rootsID)
	if len(id) < 2500 {
		t.Errorf("Indonesian dictionary has %d roots, want at least 2500", len(id))
	}
	ms := buildDictionary(rootsID, rootsMS)
	if len(ms) <= len(id) {
		t.Errorf("Malay dictionary (%d) adds nothing to Indonesian (%d)", len(ms), len(id))
	}
	for _, list := range []string{rootsID, rootsMS} {
		for line := range strings.Lines(list) {
			w := strings.TrimSpace(line)
			if w == "" || strings.HasPrefix(w, "#") {
				continue
			}
			if w != strings.ToLower(w) || strings.ContainsAny(w, " -\t") {
				t.Errorf("bad root entry %q", w)
			}
		}
	}
	for _, w := range []string{"kerja", "lindung", "angkat", "tempat", "daftar", "latih", "gaji",
		"upah", "bayar", "biaya", "adu", "lapor", "tolong", "bantu", "jamin", "sehat", "periksa",
		"pulang", "kirim", "hukum", "hak", "wajib", "janji", "sepakat", "izin", "urus", "tanggung",
		"tipu", "paksa", "jual", "dagang", "rekrut", "pinjam", "utang", "potong", "tahan", "simpan"} {
		if _, ok := id[w]; !ok {
			t.Errorf("domain root %q missing", w)
		}
	}
}

func TestConcurrent(t *testing.T) {
	var wg sync.WaitGroup
	for i := 0; i < 8; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for _, c := range indonesianCases {
				if got := Indonesian(c.word); got != c.want {
					t.Errorf("concurrent Indonesian(%q) = %q, want %q", c.word, got, c.want)
				}
			}
			for _, c := range malayCases {
				Malay(c.word)
			}
			for _, c := range englishCases {
				English(c.word)
			}
		}()
	}
	wg.Wait()
}

func FuzzStem(f *testing.F) {
	for _, c := range indonesianCases {
		f.Add(c.word)
	}
	for _, s := range []string{"", "-", "--", "a-", "-a", "me", "meng", "menge", "peny", "berr",
		"diperkeberkan", "\xff", "İstanbul", "ǅemal", "mem\u0301akan", "anak-anak-anak", " "} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for name, fn := range map[string]func(string) string{
			"Indonesian": Indonesian, "Malay": Malay, "English": English,
		} {
			got := fn(s)
			if s != "" && got == "" {
				t.Fatalf("%s(%q) is empty", name, s)
			}
			if again := fn(s); again != got {
				t.Fatalf("%s(%q) not deterministic: %q then %q", name, s, got, again)
			}
			if utf8.ValidString(s) && !utf8.ValidString(got) {
				t.Fatalf("%s(%q) = %q is not valid UTF-8", name, s, got)
			}
		}
		for _, tok := range Tokenize(s) {
			if tok == "" || strings.HasPrefix(tok, "-") || strings.HasSuffix(tok, "-") ||
				strings.Contains(tok, "--") {
				t.Fatalf("Tokenize(%q) gave bad token %q", s, tok)
			}
			if Indonesian(tok) == "" || Malay(tok) == "" || English(tok) == "" {
				t.Fatalf("empty stem for token %q", tok)
			}
		}
	})
}

func BenchmarkIndonesian(b *testing.B) {
	Indonesian("warm-up")
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		Indonesian(indonesianCases[i%len(indonesianCases)].word)
	}
}

func BenchmarkMalay(b *testing.B) {
	Malay("warm-up")
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		Malay(malayCases[i%len(malayCases)].word)
	}
}

func BenchmarkEnglish(b *testing.B) {
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		English(englishCases[i%len(englishCases)].word)
	}
}

func BenchmarkTokenize(b *testing.B) {
	text := strings.Repeat("Pekerja migran berhak atas perlindungan hukum, anak-anak mereka juga. ", 20)
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	for b.Loop() {
		Tokenize(text)
	}
}
