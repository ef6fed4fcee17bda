package search

// stopwords are the words of each language that carry no topic in a question ("berapa umur
// minimal kerja di malaysia", "what papers do I need"): the browser leaves them out of a query
// unless the query has nothing else. Readers' phrases in the synonyms still match them.
var stopwords = map[string][]string{
	"id": {"ada", "adalah", "agar", "aja", "akan", "aku", "anda", "apa", "apakah", "atau", "bagaimana",
		"bagi", "bisa", "boleh", "buat", "dan", "dari", "dengan", "di", "dia", "dimana", "dong", "gimana",
		"gitu", "harus", "ini", "itu", "jadi", "juga", "kah", "kalau", "kalo", "kami", "kamu", "kan",
		"kapan", "karena", "ke", "kemana", "kenapa", "kita", "lah", "mana", "mau", "mengapa", "mohon",
		"nya", "oleh", "pada", "saja", "sama", "saya", "siapa", "sih", "sudah", "supaya", "tolong",
		"untuk", "yang", "ya"},
	"ms": {"ada", "adakah", "agar", "akan", "aku", "anda", "apa", "atau", "awak", "bagaimana", "bagi",
		"boleh", "buat", "camne", "dah", "dan", "dari", "daripada", "dengan", "di", "dia", "hendak",
		"ini", "itu", "je", "juga", "kalau", "kalo", "kami", "kat", "ke", "kena", "kenapa", "kita",
		"lah", "macam", "macamana", "mahu", "mana", "mcm", "mengapa", "nak", "nya", "oleh", "pada",
		"pun", "saja", "saya", "siapa", "sudah", "tolong", "untuk", "yang", "ya"},
	"en": {"a", "about", "am", "an", "and", "are", "as", "at", "be", "by", "can", "could", "did", "do",
		"does", "for", "from", "get", "how", "i", "if", "in", "is", "it", "me", "my", "of", "on", "or",
		"please", "should", "so", "that", "the", "there", "this", "to", "want", "wants", "was", "what", "when", "where",
		"which", "who", "why", "will", "with", "you", "your"},
}

// Stopwords returns the stop words of a language (none for a language without a list).
func Stopwords(lang string) []string { return stopwords[lang] }
