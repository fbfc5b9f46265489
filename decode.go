package hexo

import (
	"encoding"
	"errors"
	"fmt"
	"math"
	"reflect"
	"strconv"
	"strings"
	"time"
)

// DecodeError reports a front-matter value that does not fit the field it
// was decoded into.
type DecodeError struct {
	Key  string // the key path, "cover" or "author.name"
	Type string // the Go type of the field
	Err  error
}

func (e *DecodeError) Error() string {
	return fmt.Sprintf("front matter %s: cannot decode into %s: %v", e.Key, e.Type, e.Err)
}

func (e *DecodeError) Unwrap() error { return e.Err }

var (
	timeType            = reflect.TypeFor[time.Time]()
	textUnmarshalerType = reflect.TypeFor[encoding.TextUnmarshaler]()
)

// Decode stores the front matter in v, a pointer to a struct or a map, the way
// yaml.v3 would, with Hexo's leniency: fields are matched by their `yaml` tag
// (or their lower-cased name; "-" skips a field, ",inline" inlines a struct);
// a time.Time field accepts every date form Hexo accepts, dates without an
// offset read in Options.Location; a slice field accepts a single value; a
// string field accepts numbers and booleans as their text.
//
// Every value that does not fit is reported in the returned error (each a
// *DecodeError, joined with errors.Join); the fields that fit are filled.
func (p *Post) Decode(v any) error {
	rv := reflect.ValueOf(v)
	if rv.Kind() != reflect.Pointer || rv.IsNil() {
		return errors.New("hexo: Decode needs a non-nil pointer")
	}
	d := decoder{loc: p.opts.location(), text: map[string]string{}}
	if p.FrontMatter != nil {
		d.text = p.FrontMatter.text
	}
	return d.decode(rv.Elem(), p.FrontMatter.Map())
}

// decode assigns src to dst and returns what did not fit, joined.
func (d *decoder) decode(dst reflect.Value, src any) error {
	d.assign(dst, src, nil)
	if d.more > 0 {
		d.errs = append(d.errs, fmt.Errorf("front matter: %d more values do not fit", d.more))
	}
	return errors.Join(d.errs...)
}

type decoder struct {
	loc  *time.Location
	text map[string]string // source text of top-level scalars
	errs []error
	more int // values that did not fit past maxDecodeErrors
}

// maxDecodeErrors is how many values that do not fit Decode describes; the
// rest are counted. Each error names its key path, so a long key over a long
// list made an error text of the key times the list.
const maxDecodeErrors = 20

func (d *decoder) fail(key *keyPath, t reflect.Type, err error) {
	if len(d.errs) == maxDecodeErrors {
		d.more++
		return
	}
	d.errs = append(d.errs, &DecodeError{Key: key.String(), Type: t.String(), Err: err})
}

// keyPath is where a value sits, made text only for an error: a path
// written out for every value copied its parents' (a long key over a long
// list made the key's length times the list's). nil is the top.
type keyPath struct {
	parent *keyPath
	name   string
	index  int // a list's item, when name is ""
}

func (k *keyPath) field(name string) *keyPath { return &keyPath{parent: k, name: name} }

func (k *keyPath) at(i int) *keyPath { return &keyPath{parent: k, index: i} }

// top is the key of a top-level value, "" for any other.
func (k *keyPath) top() string {
	if k == nil || k.parent != nil {
		return ""
	}
	return k.name
}

// String is the path as DecodeError.Key writes it: "author.name", "tags[2]".
func (k *keyPath) String() string {
	var parts []*keyPath
	for ; k != nil; k = k.parent {
		parts = append(parts, k)
	}
	var b strings.Builder
	for i := len(parts) - 1; i >= 0; i-- {
		switch p := parts[i]; {
		case p.name == "":
			b.WriteString("[" + strconv.Itoa(p.index) + "]")
		case i == len(parts)-1:
			b.WriteString(p.name)
		default:
			b.WriteString("." + p.name)
		}
	}
	return b.String()
}

// assign stores src in dst, by dst's kind (as toml's unify* functions do);
// a value that does not fit is recorded and dst left as it was.
func (d *decoder) assign(dst reflect.Value, src any, key *keyPath) {
	if src == nil {
		return // absent and null leave the field as it is
	}
	t := dst.Type()
	if t == timeType {
		d.assignTime(dst, src, key)
		return
	}
	if dst.CanAddr() && reflect.PointerTo(t).Implements(textUnmarshalerType) {
		if s, ok := src.(string); ok {
			if err := dst.Addr().Interface().(encoding.TextUnmarshaler).UnmarshalText([]byte(s)); err != nil {
				d.fail(key, t, err)
			}
			return
		}
	}
	switch t.Kind() {
	case reflect.Pointer:
		if dst.IsNil() {
			dst.Set(reflect.New(t.Elem()))
		}
		d.assign(dst.Elem(), src, key)
	case reflect.Interface:
		if reflect.TypeOf(src).AssignableTo(t) {
			dst.Set(reflect.ValueOf(src))
		} else {
			d.fail(key, t, fmt.Errorf("%T does not implement it", src))
		}
	case reflect.String:
		d.assignString(dst, src, key)
	case reflect.Bool:
		d.assignBool(dst, src, key)
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64,
		reflect.Float32, reflect.Float64:
		d.assignNumber(dst, src, key)
	case reflect.Slice:
		d.assignSlice(dst, src, key)
	case reflect.Map:
		d.assignMap(dst, src, key)
	case reflect.Struct:
		m, ok := src.(map[string]any)
		if !ok {
			d.fail(key, t, fmt.Errorf("a %s is not a mapping", kindName(src)))
			return
		}
		d.fields(dst, m, key)
	default:
		d.fail(key, t, errors.New("unsupported field type"))
	}
}

// assignTime takes every date form Hexo takes.
func (d *decoder) assignTime(dst reflect.Value, src any, key *keyPath) {
	tm, ok := dateValue(src, d.loc)
	if !ok {
		d.fail(key, dst.Type(), fmt.Errorf("%q is not a date", jsString(src)))
		return
	}
	dst.Set(reflect.ValueOf(tm))
}

// assignString takes numbers and booleans as their text, and a date YAML
// read as a timestamp as it was written.
func (d *decoder) assignString(dst reflect.Value, src any, key *keyPath) {
	switch src.(type) {
	case map[string]any, []any:
		d.fail(key, dst.Type(), fmt.Errorf("a %s is not text", kindName(src)))
	case time.Time:
		if s, ok := d.text[key.top()]; ok {
			dst.SetString(s)
		} else {
			dst.SetString(jsString(src))
		}
	default:
		dst.SetString(jsString(src))
	}
}

func (d *decoder) assignBool(dst reflect.Value, src any, key *keyPath) {
	switch x := src.(type) {
	case bool:
		dst.SetBool(x)
	case string:
		if x == "true" || x == "false" {
			dst.SetBool(x == "true")
		} else {
			d.fail(key, dst.Type(), fmt.Errorf("%q is not true or false", x))
		}
	default:
		d.fail(key, dst.Type(), fmt.Errorf("a %s is not a boolean", kindName(src)))
	}
}

// assignNumber fills integer, unsigned and float fields, refusing a
// fraction or a value the field cannot hold.
func (d *decoder) assignNumber(dst reflect.Value, src any, key *keyPath) {
	t := dst.Type()
	f, ok := number(src)
	switch t.Kind() {
	case reflect.Float32, reflect.Float64:
		if !ok {
			d.fail(key, t, fmt.Errorf("%q is not a number", jsString(src)))
			return
		}
		dst.SetFloat(f)
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		if !ok || f < 0 || f != math.Trunc(f) || dst.OverflowUint(uint64(f)) {
			d.fail(key, t, fmt.Errorf("%q is not an unsigned integer that fits", jsString(src)))
			return
		}
		dst.SetUint(uint64(f))
	default:
		if !ok || f != math.Trunc(f) || dst.OverflowInt(int64(f)) {
			d.fail(key, t, fmt.Errorf("%q is not an integer that fits", jsString(src)))
			return
		}
		dst.SetInt(int64(f))
	}
}

// assignSlice takes a list, or a single value as a list of one.
func (d *decoder) assignSlice(dst reflect.Value, src any, key *keyPath) {
	list, ok := src.([]any)
	if !ok {
		list = []any{src}
	}
	out := reflect.MakeSlice(dst.Type(), len(list), len(list))
	for i, e := range list {
		d.assign(out.Index(i), e, key.at(i))
	}
	dst.Set(out)
}

func (d *decoder) assignMap(dst reflect.Value, src any, key *keyPath) {
	t := dst.Type()
	m, ok := src.(map[string]any)
	if !ok || t.Key().Kind() != reflect.String {
		d.fail(key, t, fmt.Errorf("a %s is not a mapping", kindName(src)))
		return
	}
	if dst.IsNil() {
		dst.Set(reflect.MakeMapWithSize(t, len(m)))
	}
	for k, e := range m {
		ev := reflect.New(t.Elem()).Elem()
		d.assign(ev, e, key.field(k))
		dst.SetMapIndex(reflect.ValueOf(k).Convert(t.Key()), ev)
	}
}

func (d *decoder) fields(dst reflect.Value, m map[string]any, key *keyPath) {
	t := dst.Type()
	for i := range t.NumField() {
		f := t.Field(i)
		if !f.IsExported() {
			continue
		}
		name, opts, _ := strings.Cut(f.Tag.Get("yaml"), ",")
		if name == "-" {
			continue
		}
		if strings.Contains(","+opts+",", ",inline,") && f.Type.Kind() == reflect.Struct {
			d.fields(dst.Field(i), m, key)
			continue
		}
		if name == "" {
			name = strings.ToLower(f.Name)
		}
		if v, ok := m[name]; ok {
			d.assign(dst.Field(i), v, key.field(name))
		}
	}
}

func number(v any) (float64, bool) {
	switch x := v.(type) {
	case int64:
		return float64(x), true
	case float64:
		return x, true
	}
	return 0, false
}

func kindName(v any) string {
	switch v.(type) {
	case map[string]any:
		return "mapping"
	case []any:
		return "list"
	case string:
		return "string"
	case bool:
		return "boolean"
	case int64, float64:
		return "number"
	case time.Time:
		return "timestamp"
	}
	return fmt.Sprintf("%T", v)
}
