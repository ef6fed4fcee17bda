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
		if x.Tree != nil {
			foldNode(x.Tree.Root, call)
		}
	}
}

// foldable names the template functions fold may call at load time: the same argument gives
// the same result for every page of one language.
var foldable = map[string]bool{"T": true, "asset": true}

func foldNode(n parse.Node, call func(name, arg string) (string, bool)) {
	switch n := n.(type) {
	case *parse.ListNode:
		if n == nil {
			return
		}
		for _, c := range n.Nodes {
			foldNode(c, call)
		}
	case *parse.ActionNode:
		foldNode(n.Pipe, call)
	case *parse.IfNode:
		foldBranch(&n.BranchNode, call)
	case *parse.RangeNode:
		foldBranch(&n.BranchNode, call)
	case *parse.WithNode:
		foldBranch(&n.BranchNode, call)
	case *parse.TemplateNode:
		foldNode(n.Pipe, call)
	case *parse.PipeNode:
		if n == nil {
			return
		}
		for i, c := range n.Cmds {
			// Only the first command of a pipeline has no value piped into it.
			if i == 0 && len(c.Args) == 2 {
				id, ok := c.Args[0].(*parse.IdentifierNode)
				str, lit := c.Args[1].(*parse.StringNode)
				if ok && lit && foldable[id.Ident] {
					if s, ok := call(id.Ident, str.Text); ok {
						c.Args = []parse.Node{&parse.StringNode{NodeType: parse.NodeString, Pos: str.Pos, Quoted: strconv.Quote(s), Text: s}}
						continue
					}
				}
			}
			for _, a := range c.Args {
				foldNode(a, call)
			}
		}
	case *parse.ChainNode:
		foldNode(n.Node, call)
	}
}

func foldBranch(b *parse.BranchNode, call func(name, arg string) (string, bool)) {
	foldNode(b.Pipe, call)
	foldNode(b.List, call)
	foldNode(b.ElseList, call)
}
