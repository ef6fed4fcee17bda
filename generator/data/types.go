package data

import "pandu/generator/markdown"

// Contact, Phone and Dial are the contact card as the Markdown renderer takes it: Localize fills
// them in one language and the renderer lays them out.
type (
	Contact = markdown.Contact
	Phone   = markdown.Phone
	Dial    = markdown.Dial
)
