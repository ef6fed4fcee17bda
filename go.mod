module pandu

go 1.26.8

require (
	github.com/BurntSushi/toml v1.6.0
	github.com/kljensen/snowball v0.10.0
	github.com/nicksnyder/go-i18n/v2 v2.7.0
	github.com/tdewolff/minify/v2 v2.24.25
	github.com/yuin/goldmark v1.8.7
	golang.org/x/net v0.62.0
	golang.org/x/text v0.44.0
)

require github.com/tdewolff/parse/v2 v2.8.20 // indirect
