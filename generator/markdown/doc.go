// Package markdown owns the conversion of one page body from Markdown to HTML: the Markdown
// dialect Pandu's editors write (GitHub-flavoured Markdown with footnotes and definition lists,
// plus callouts, law references, glossary terms, contact cards, printable checklists, quiz
// questions and session-plan timings), the heading IDs and table of contents of a page, and its
// plain text for search and word counts.
// It knows nothing about files, languages or the site: Parse turns a body into a Document,
// Document.Resolve asks a Resolver about every link, image, law reference, glossary term and
// contact once all pages are parsed and records the answers and the problems (with file lines),
// and Converter.Render writes the HTML from what was recorded. Each feature is a goldmark
// extension (parser, AST node kinds and renderer kept apart) in its own file. The markup a
// designer styles (contact cards, callouts, checklist items) is not written here: their renderers
// build a small typed value (ContactCard, Callout, ChecklistItem) and hand it to the Theme the
// site passes in (the partials of its layouts).
package markdown
