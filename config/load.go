package config

import (
	"errors"
	"fmt"
	"os"
	"reflect"
	"regexp"
	"sort"
	"strings"

	"github.com/goccy/go-yaml"
	"github.com/goccy/go-yaml/ast"
	"github.com/goccy/go-yaml/parser"
	"github.com/goccy/go-yaml/token"
)

// Load reads the file at path; see Parse.
func Load(path string, getenv func(string) string) (*Config, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		// The os error already names the file.
		return nil, &Error{Msg: "read file", Err: err}
	}
	c, err := parse(data, getenv)
	if err != nil {
		var ce *Error
		if errors.As(err, &ce) {
			ce.File = path
		}
		return nil, err
	}
	return c, nil
}

// Parse decodes YAML strictly over the defaults, lets QUOTABOT_TOKEN from
// getenv (which may be nil) override telegram.token, and validates. Every
// error it returns is an *Error.
func Parse(data []byte, getenv func(string) string) (*Config, error) {
	return parse(data, getenv)
}

func parse(data []byte, getenv func(string) string) (*Config, error) {
	file, err := parser.ParseBytes(data, 0)
	if err != nil {
		return nil, yamlError(err, nil)
	}
	c := defaults()
	var lines map[string]int
	if len(file.Docs) > 1 {
		return nil, &Error{Msg: "more than one YAML document", Line: docLine(file.Docs[1])}
	}
	if len(file.Docs) == 1 && file.Docs[0].Body != nil {
		body := file.Docs[0].Body
		lines = keyLines(body)
		// Decoding from the parsed tree keeps the error tokens pointing into
		// it, so an error can be traced back to its key path.
		if err := decode(body, c); err != nil {
			return nil, yamlError(err, body)
		}
	}
	// Spaces and a newline around a pasted token are never part of it.
	c.Telegram.Token = strings.TrimSpace(c.Telegram.Token)
	if getenv != nil {
		if tok := strings.TrimSpace(getenv(TokenEnv)); tok != "" {
			c.Telegram.Token = tok
			c.tokenFromEnv = true
		}
	}
	if err := c.finish(lines); err != nil {
		return nil, err
	}
	return c, nil
}

// decode turns a panic of the YAML decoder, seen on some odd tagged values,
// into an error: a bad file must not crash the program.
func decode(body ast.Node, c *Config) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = &Error{Msg: fmt.Sprintf("YAML the decoder cannot read (%v); check tags (!) and anchors", r)}
		}
	}()
	return yaml.NodeToValue(body, c, yaml.DisallowUnknownField())
}

func docLine(d *ast.DocumentNode) int {
	// An empty document has no body, and GetToken would follow the nil
	// body (found by fuzzing): its "---" start marker gives the line.
	if d == nil {
		return 0
	}
	if d.Start != nil && d.Start.Position != nil {
		return d.Start.Position.Line
	}
	if d.Body == nil {
		return 0
	}
	if tk := d.GetToken(); tk != nil && tk.Position != nil {
		return tk.Position.Line
	}
	return 0
}

// keyLines maps each key path ("telegram.token", "admins[0]") to its line.
func keyLines(root ast.Node) map[string]int {
	m := make(map[string]int)
	ast.Walk(visitFunc(func(n ast.Node) {
		tk := n.GetToken()
		if tk == nil || tk.Position == nil {
			return
		}
		p := keyPath(n.GetPath())
		if l, ok := m[p]; !ok || tk.Position.Line < l {
			m[p] = tk.Position.Line
		}
	}), root)
	return m
}

type visitFunc func(ast.Node)

func (f visitFunc) Visit(n ast.Node) ast.Visitor {
	f(n)
	return f
}

// keyPath turns a YAMLPath like "$.telegram.token" into "telegram.token".
func keyPath(p string) string {
	p = strings.TrimPrefix(p, "$")
	return strings.TrimPrefix(p, ".")
}

// pathOf finds the key path of the node that holds tk.
func pathOf(root ast.Node, tk *token.Token) string {
	if root == nil || tk == nil {
		return ""
	}
	path, found := "", false
	ast.Walk(visitFunc(func(n ast.Node) {
		if !found && n.GetToken() == tk {
			path, found = keyPath(n.GetPath()), true
		}
	}), root)
	return path
}

// yamlError turns a decoding error into an *Error naming the key and line.
func yamlError(err error, root ast.Node) error {
	var own *Error
	if errors.As(err, &own) {
		return own
	}
	var ye yaml.Error
	if !errors.As(err, &ye) {
		return &Error{Msg: "decode", Err: err}
	}
	e := &Error{Msg: ye.GetMessage()}
	tk := ye.GetToken()
	if tk != nil && tk.Position != nil {
		e.Line = tk.Position.Line
	}
	e.Key = pathOf(root, tk)

	var unknown *yaml.UnknownFieldError
	var typeErr *yaml.TypeError
	var nodeErr *yaml.UnexpectedNodeTypeError
	switch {
	case errors.As(err, &unknown):
		e.Msg = "unknown key"
		if valid := validKeys(e.Key); len(valid) > 0 {
			e.Msg += "; valid keys here: " + strings.Join(valid, ", ")
		}
	case errors.As(err, &typeErr):
		e.Msg = "wrong type: want " + describe(typeErr.DstType)
	case errors.As(err, &nodeErr):
		e.Msg = fmt.Sprintf("wrong type: want %s, not %s", nodeKind(nodeErr.Expected), nodeKind(nodeErr.Actual))
	case errors.As(err, new(*yaml.SyntaxError)):
		e.Msg = "YAML syntax: " + e.Msg
		if strings.Contains(e.Msg, "alias") {
			// A bare * starts an alias in YAML, an easy slip with cron specs.
			e.Msg += `; quote values that start with * or &, e.g. "* * * * *"`
		}
	}
	return e
}

var indexRe = regexp.MustCompile(`\[\d+\]`)

// validKeys lists the keys allowed beside the given unknown key.
func validKeys(key string) []string {
	parts := strings.Split(indexRe.ReplaceAllString(key, ".[]"), ".")
	t := reflect.TypeFor[Config]()
	for _, p := range parts[:len(parts)-1] {
		if p == "" {
			continue
		}
		if p == "[]" {
			if t.Kind() != reflect.Slice {
				return nil
			}
			t = t.Elem()
			continue
		}
		f, ok := fieldByTag(t, p)
		if !ok {
			return nil
		}
		t = f.Type
	}
	if t.Kind() != reflect.Struct {
		return nil
	}
	var keys []string
	for i := range t.NumField() {
		if tag := yamlName(t.Field(i)); tag != "" {
			keys = append(keys, tag)
		}
	}
	sort.Strings(keys)
	return keys
}

func fieldByTag(t reflect.Type, name string) (reflect.StructField, bool) {
	if t.Kind() != reflect.Struct {
		return reflect.StructField{}, false
	}
	for i := range t.NumField() {
		if yamlName(t.Field(i)) == name {
			return t.Field(i), true
		}
	}
	return reflect.StructField{}, false
}

func yamlName(f reflect.StructField) string {
	name, _, _ := strings.Cut(f.Tag.Get("yaml"), ",")
	if name == "-" {
		return ""
	}
	return name
}

func describe(t reflect.Type) string {
	if t == nil {
		return "another type"
	}
	switch t.Kind() {
	case reflect.String:
		return "text"
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return "a whole number"
	case reflect.Bool:
		return "true or false"
	case reflect.Slice:
		return "a list"
	case reflect.Struct, reflect.Map:
		return "a mapping of keys"
	}
	return t.String()
}

func nodeKind(t ast.NodeType) string {
	switch t {
	case ast.MappingType, ast.MappingValueType:
		return "a mapping of keys"
	case ast.SequenceType:
		return "a list"
	case ast.StringType:
		return "text"
	case ast.IntegerType, ast.FloatType:
		return "a number"
	}
	return t.String()
}
