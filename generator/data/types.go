package data

// Contact is the data of a contact card, already in the page's language: Contacts.Localize fills
// it in, and the Markdown renderer lays it out for [[contact:key]] (markdown imports data, never
// the other way).
type Contact struct {
	Key, Name, Note, Hours, Website, Email string
	Source                                 string // the source's address
	SourceTitle                            string // who published the source, e.g. "New Straits Times"
	SourceDate                             string // the source's own date, already formatted ("Agustus 2024")
	SourceNews                             bool   // the source is a news report
	Verified                               string // date the data was last checked against the source, already formatted
	Phones                                 []Phone
}

// Phone is one phone number (or WhatsApp number) of a contact.
type Phone struct {
	WhatsApp  bool
	Emergency bool   // an emergency number such as 999: shown large
	Href      string // "tel:+622129244800" or "https://wa.me/622129244800"
	Label     string // optional, e.g. "Call centre"
	Dial      []Dial // how a reader dials it, e.g. from Indonesia and from abroad
	Note      string // e.g. "Bebas pulsa, hanya dari Indonesia"
}

// Dial is one way of dialling a number: from where, and what to dial.
type Dial struct {
	Where, Number string
}
