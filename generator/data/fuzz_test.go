package data

import "testing"

// FuzzParse: no input may make the loaders panic (tomlpos fuzzes its position scanner).
func FuzzParse(f *testing.F) {
	f.Add(goodContacts)
	f.Add(goodGlossary)
	f.Add("[a]\nname = { id = \"A\",\n en = \"B\" }\n[[a.phones]]\nnumber = \"+6281\"\n")
	f.Add("x = '''\n[y]'''\n\"k\\u00e9\" = 1\n[[b]]\n[b.c]\n")
	f.Fuzz(func(t *testing.T, src string) {
		ParseGlossary([]byte(src), "g.toml", "id")
		c, _ := ParseContacts([]byte(src), "c.toml", langs, "id")
		for _, k := range c.Keys() {
			if _, err := c.Localize(k, "en", testLabels, nil); err != nil {
				t.Fatal(err)
			}
		}
	})
}
