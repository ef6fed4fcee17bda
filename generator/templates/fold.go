package templates

import (
	"html/template"
	"strconv"
	"text/template/parse"
)

// fold replaces, in every template of t, the calls whose result is fixed once the layouts are
// loaded for one language by that result: {{T "menu"}} (a UI string without arguments) and
// {{asset "css/site.css"}} (a fingerprinted address) become the string they return. A page
// shows the same bytes, escaped by html/template in the same context as before: the string is
// still a value of a pipeline, not template text. What changes is the work per page: a build
// executes a layout thousands of times, and each call is a reflective call and a lookup.
//
// A call that fails (a missing UI string or static file) is left as it is, so that it reports
// its error, with the layout's file and line, when a page runs it. Load calls fold after scan,
// which finds the assets by their calls, and before any template runs.
func fold(t *template.Template, call func(name, arg string) (string, bool)) {
	for _, x := range t.Templates() {
		if x.Tree == nil {
			continue
		}
		eachNode(x.Tree.Root, func(n parse.Node) {
			// Only the first command of a pipeline has no value piped into it.
			p, ok := n.(*parse.PipeNode)
			if !ok || len(p.Cmds) == 0 || len(p.Cmds[0].Args) != 2 {
				return
			}
			c := p.Cmds[0]
			id, ok := c.Args[0].(*parse.IdentifierNode)
			str, lit := c.Args[1].(*parse.StringNode)
			if !ok || !lit || !foldable[id.Ident] {
				return
			}
			if s, ok := call(id.Ident, str.Text); ok {
				c.Args = []parse.Node{&parse.StringNode{NodeType: parse.NodeString, Pos: str.Pos, Quoted: strconv.Quote(s), Text: s}}
			}
		})
	}
}

// foldable names the template functions fold may call at load time: the same argument gives
// the same result for every page of one language.
var foldable = map[string]bool{"T": true, "asset": true}

// eachNode calls fn with n and every node under it, parent first: the actions, their pipelines
// and commands, the arguments of commands (parenthesized pipelines too), and the branches of
// if, range and with. It does not follow {{template}} calls into the templates they name.
func eachNode(n parse.Node, fn func(parse.Node)) {
	switch n := n.(type) { // an empty else branch, or a {{template}} without a pipeline
	case *parse.ListNode:
		if n == nil {
			return
		}
	case *parse.PipeNode:
		if n == nil {
			return
		}
	}
	fn(n)
	switch n := n.(type) {
	case *parse.ListNode:
		for _, c := range n.Nodes {
			eachNode(c, fn)
		}
	case *parse.PipeNode:
		for _, c := range n.Cmds {
			eachNode(c, fn)
		}
	case *parse.ActionNode:
		eachNode(n.Pipe, fn)
	case *parse.IfNode:
		eachBranch(&n.BranchNode, fn)
	case *parse.RangeNode:
		eachBranch(&n.BranchNode, fn)
	case *parse.WithNode:
		eachBranch(&n.BranchNode, fn)
	case *parse.TemplateNode:
		eachNode(n.Pipe, fn)
	case *parse.CommandNode:
		for _, a := range n.Args {
			eachNode(a, fn)
		}
	case *parse.ChainNode:
		eachNode(n.Node, fn)
	}
}

func eachBranch(b *parse.BranchNode, fn func(parse.Node)) {
	eachNode(b.Pipe, fn)
	eachNode(b.List, fn)
	eachNode(b.ElseList, fn)
}
