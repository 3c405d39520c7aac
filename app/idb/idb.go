//go:build js && wasm

// Package idb is store.DB over the browser's IndexedDB, through
// syscall/js. Calls block their goroutine until IndexedDB answers, so they
// must not be made from a JavaScript callback. The two loops that would
// cross into JavaScript once per annotation are in web/claimmark.js
// (claimmarkWrite, claimmarkRead and claimmarkPack).
package idb

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"sync"
	"syscall/js"
	"time"

	"github.com/claimmark/claimmark/app/internal/order"
	"github.com/claimmark/claimmark/app/store"
)

// ErrOutdated is returned once a newer version of claimmark has opened the
// database in another tab: this one must reload before it writes again.
var ErrOutdated = errors.New("a newer version of claimmark is open in another tab; reload this tab to keep saving")

// DB is an IndexedDB database of schema store.Version.
type DB struct {
	name string
	// OnOutdated is called, on a JavaScript callback, when a newer schema
	// opens the database elsewhere.
	OnOutdated func()
	// OnDeleted is called, on a JavaScript callback or a goroutine of its
	// own, when the database is found deleted or emptied under the page
	// (site data cleared). From then on Write refuses all but a whole
	// batch with store.ErrDataGone, until one is written.
	OnDeleted func()

	mu       sync.Mutex
	conn     js.Value // IDBDatabase; undefined when closed
	outdated bool
	// generation names the database as first opened: a random name kept
	// in it, which a database made anew does not share.
	generation string
	gone       bool
}

// steps[v] makes schema v of a database of schema v-1. Schema 1 was
// localStorage, which store.MigrateV1 moves; IndexedDB starts at 2, so a
// new database (version 0) runs the steps from 2 on.
var steps = map[int]func(db js.Value){
	2: createV2,
	3: func(js.Value) {}, // schema 3 changes records, not stores: see package store
	4: func(db js.Value) {
		db.Call("deleteObjectStore", "packs")
		db.Call("createObjectStore", "batches", map[string]any{"keyPath": []any{"doc", "part"}})
	},
}

func createV2(db js.Value) {
	key := func(path ...any) map[string]any {
		if len(path) == 1 {
			return map[string]any{"keyPath": path[0]}
		}
		return map[string]any{"keyPath": path}
	}
	db.Call("createObjectStore", "meta")
	db.Call("createObjectStore", "documents", key("sha256"))
	db.Call("createObjectStore", "texts", key("sha256"))
	annotations := db.Call("createObjectStore", "annotations", key("doc", "id"))
	annotations.Call("createIndex", "doc", "doc")
	annotations.Call("createIndex", "written", []any{"doc", "written"})
	db.Call("createObjectStore", "packs", key("doc"))
	db.Call("createObjectStore", "snapshots", key("doc", "taken")).Call("createIndex", "doc", "doc")
	db.Call("createObjectStore", "aside", map[string]any{"autoIncrement": true})
}

// Open opens, creating or upgrading, the database called name.
func Open(name string) (*DB, error) {
	db := &DB{name: name}
	if _, err := db.connection(); err != nil {
		return nil, err
	}
	return db, nil
}

// connection returns the open connection, opening one if the browser
// closed the last (WebKit does, and so does clearing site data).
func (db *DB) connection() (js.Value, error) {
	db.mu.Lock()
	defer db.mu.Unlock()
	if db.outdated {
		return js.Value{}, ErrOutdated
	}
	if db.conn.Truthy() {
		return db.conn, nil
	}
	factory := js.Global().Get("indexedDB")
	if !factory.Truthy() {
		return js.Value{}, errors.New("this browser has no IndexedDB")
	}
	var req js.Value
	if err := catch(func() { req = factory.Call("open", db.name, store.Version) }); err != nil {
		return js.Value{}, err
	}
	var upgradeErr error
	upgrade := js.FuncOf(func(_ js.Value, args []js.Value) any {
		from := args[0].Get("oldVersion").Int()
		conn := req.Get("result")
		upgradeErr = catch(func() {
			for v := max(from+1, 2); v <= store.Version; v++ {
				steps[v](conn)
			}
			req.Get("transaction").Call("objectStore", "meta").Call("put", store.Version, "schema")
		})
		return nil
	})
	defer upgrade.Release()
	req.Set("onupgradeneeded", upgrade)
	blocked := js.FuncOf(func(js.Value, []js.Value) any { return nil })
	defer blocked.Release()
	req.Set("onblocked", blocked)
	conn, err := await(req)
	if err == nil {
		err = upgradeErr
	}
	if err != nil {
		return js.Value{}, fmt.Errorf("opening the browser's database: %w", err)
	}
	gen, err := awaitPromise(js.Global().Call("claimmarkGeneration", conn, store.NewGeneration()))
	if err != nil {
		conn.Call("close")
		return js.Value{}, fmt.Errorf("opening the browser's database: %w", err)
	}
	switch {
	case db.generation == "":
		db.generation = gen.String()
	case db.generation != gen.String():
		// Made anew since this page opened it: what it held is gone.
		db.generation, db.gone = gen.String(), true
		if db.OnDeleted != nil {
			go db.OnDeleted()
		}
	}
	db.watch(conn)
	db.conn = conn
	return conn, nil
}

// watch follows what the browser does to a connection: a newer version
// opening the database, or the browser closing it.
func (db *DB) watch(conn js.Value) {
	var onVersionChange, onClose js.Func
	release := func() { onVersionChange.Release(); onClose.Release() }
	onVersionChange = js.FuncOf(func(_ js.Value, args []js.Value) any {
		deleted := args[0].Get("newVersion").IsNull()
		conn.Call("close")
		db.mu.Lock()
		db.conn, db.outdated, db.gone = js.Undefined(), !deleted, db.gone || deleted
		db.mu.Unlock()
		release()
		switch {
		case deleted && db.OnDeleted != nil:
			db.OnDeleted()
		case !deleted && db.OnOutdated != nil:
			db.OnOutdated()
		}
		return nil
	})
	onClose = js.FuncOf(func(js.Value, []js.Value) any {
		db.mu.Lock()
		if db.conn.Equal(conn) {
			db.conn = js.Undefined()
		}
		db.mu.Unlock()
		release()
		// The browser closed it: clearing site data does. Open it again
		// now, to find out at once whether what it held is gone.
		go db.connection()
		return nil
	})
	conn.Set("onversionchange", onVersionChange)
	conn.Set("onclose", onClose)
}

// catch runs fn and returns what it threw.
func catch(fn func()) (err error) {
	defer func() {
		if r := recover(); r != nil {
			if jsErr, ok := r.(js.Error); ok {
				err = domError(jsErr.Value)
				return
			}
			err = fmt.Errorf("%v", r)
		}
	}()
	fn()
	return nil
}

// domError turns a DOMException into an error that names it.
func domError(v js.Value) error {
	if !v.Truthy() {
		return errors.New("the browser's database failed without saying why")
	}
	name, msg := v.Get("name"), v.Get("message")
	if name.Type() == js.TypeString && msg.Type() == js.TypeString {
		switch {
		case name.String() == "QuotaExceededError" && msg.String() != "":
			return fmt.Errorf("%w (%s)", errQuota, msg.String())
		case name.String() == "QuotaExceededError":
			return errQuota
		case msg.String() == "":
			return errors.New(name.String())
		}
		return fmt.Errorf("%s: %s", name.String(), msg.String())
	}
	return errors.New(v.Call("toString").String())
}

var errQuota = errors.New("the browser's storage for this site is full")

// await waits for an IDBRequest.
func await(req js.Value) (js.Value, error) {
	done := make(chan error, 1)
	ok := js.FuncOf(func(js.Value, []js.Value) any { done <- nil; return nil })
	fail := js.FuncOf(func(_ js.Value, args []js.Value) any {
		args[0].Call("preventDefault") // handled here; do not abort twice
		done <- domError(req.Get("error"))
		return nil
	})
	defer ok.Release()
	defer fail.Release()
	req.Set("onsuccess", ok)
	req.Set("onerror", fail)
	if err := <-done; err != nil {
		return js.Value{}, err
	}
	return req.Get("result"), nil
}

// transact runs fill in a new transaction over stores and waits for the
// transaction to complete or fail. fill issues requests and must not
// block.
func (db *DB) transact(mode string, stores []string, fill func(tx js.Value)) error {
	conn, err := db.connection()
	if err != nil {
		return err
	}
	done := make(chan error, 1)
	var tx js.Value
	complete := js.FuncOf(func(js.Value, []js.Value) any { done <- nil; return nil })
	abort := js.FuncOf(func(js.Value, []js.Value) any {
		select {
		case done <- domError(tx.Get("error")):
		default:
		}
		return nil
	})
	defer complete.Release()
	defer abort.Release()
	err = catch(func() {
		names := make([]any, len(stores))
		for i, s := range stores {
			names[i] = s
		}
		tx = conn.Call("transaction", names, mode, map[string]any{"durability": "strict"})
		tx.Set("oncomplete", complete)
		tx.Set("onabort", abort)
		// No explicit commit: the conditional puts of claimmarkPutNewer
		// are made in the callbacks of their reads.
		fill(tx)
	})
	if err != nil {
		if tx.Truthy() {
			catch(func() { tx.Call("abort") })
		}
		db.dropConnectionIfClosed(conn)
		return err
	}
	if err := <-done; err != nil {
		db.dropConnectionIfClosed(conn)
		return err
	}
	return nil
}

// dropConnectionIfClosed forgets a connection that can no longer make
// transactions, so that the next attempt opens another.
func (db *DB) dropConnectionIfClosed(conn js.Value) {
	if catch(func() { conn.Call("transaction", []any{"meta"}, "readonly").Call("abort") }) != nil {
		db.mu.Lock()
		if db.conn.Equal(conn) {
			db.conn = js.Undefined()
		}
		db.mu.Unlock()
	}
}

// read runs one request made by get in a read-only transaction over one
// store and returns its result.
func (db *DB) read(storeName string, get func(s js.Value) js.Value) (js.Value, error) {
	var req js.Value
	err := db.transact("readonly", []string{storeName}, func(tx js.Value) {
		req = get(tx.Call("objectStore", storeName))
	})
	if err != nil {
		return js.Value{}, err
	}
	return req.Get("result"), nil
}

func millis(t time.Time) any {
	if t.IsZero() {
		return 0
	}
	return t.UnixMilli()
}

func fromMillis(v js.Value) time.Time {
	if v.Type() != js.TypeNumber || v.Float() == 0 {
		return time.Time{}
	}
	return time.UnixMilli(int64(v.Float())).UTC()
}

func (db *DB) Current() (string, error) {
	v, err := db.read("meta", func(s js.Value) js.Value { return s.Call("get", "current") })
	if err != nil || v.Type() != js.TypeString {
		return "", err
	}
	return v.String(), nil
}

func infoOf(v js.Value) store.Info {
	str := func(k string) string {
		if f := v.Get(k); f.Type() == js.TypeString {
			return f.String()
		}
		return ""
	}
	num := func(k string) int {
		if f := v.Get(k); f.Type() == js.TypeNumber {
			return f.Int()
		}
		return 0
	}
	return store.Info{
		SHA256: str("sha256"), Title: str("title"), Chars: num("chars"),
		Opened: fromMillis(v.Get("opened")), Exported: fromMillis(v.Get("exported")), Changes: num("changes"),
		Changed: fromMillis(v.Get("changed")), Claims: num("claims"), Evidence: num("evidence"), Predictions: num("predictions"),
	}
}

func (db *DB) Documents() ([]store.Info, error) {
	v, err := db.read("documents", func(s js.Value) js.Value { return s.Call("getAll") })
	if err != nil {
		return nil, err
	}
	out := make([]store.Info, 0, v.Length())
	for i := range v.Length() {
		if r := v.Index(i); r.Type() == js.TypeObject {
			out = append(out, infoOf(r))
		}
	}
	return out, nil
}

func (db *DB) Document(sha string) (store.Info, string, error) {
	var info, text js.Value
	err := db.transact("readonly", []string{"documents", "texts"}, func(tx js.Value) {
		info = tx.Call("objectStore", "documents").Call("get", sha)
		text = tx.Call("objectStore", "texts").Call("get", sha)
	})
	if err != nil {
		return store.Info{}, "", err
	}
	i, t := info.Get("result"), text.Get("result")
	if i.Type() != js.TypeObject || t.Type() != js.TypeObject || t.Get("text").Type() != js.TypeString {
		return store.Info{}, "", store.ErrNotFound
	}
	return infoOf(i), t.Get("text").String(), nil
}

// awaitPromise waits for a JavaScript promise.
func awaitPromise(p js.Value) (js.Value, error) {
	type outcome struct {
		v   js.Value
		err error
	}
	done := make(chan outcome, 1)
	ok := js.FuncOf(func(_ js.Value, args []js.Value) any { done <- outcome{v: args[0]}; return nil })
	fail := js.FuncOf(func(_ js.Value, args []js.Value) any { done <- outcome{err: domError(args[0])}; return nil })
	defer ok.Release()
	defer fail.Release()
	p.Call("then", ok, fail)
	o := <-done
	return o.v, o.err
}

// call calls a function of web/claimmark.js that returns a promise.
func (db *DB) call(fn string, args ...any) (js.Value, error) {
	conn, err := db.connection()
	if err != nil {
		return js.Value{}, err
	}
	var p js.Value
	if err := catch(func() { p = js.Global().Call(fn, append([]any{conn}, args...)...) }); err != nil {
		db.dropConnectionIfClosed(conn)
		return js.Value{}, err
	}
	v, err := awaitPromise(p)
	if err != nil {
		db.dropConnectionIfClosed(conn)
	}
	return v, err
}

func (db *DB) Records(doc string) (store.RecordSet, error) {
	v, err := db.call("claimmarkRead", doc)
	if err != nil {
		return store.RecordSet{}, err
	}
	rs := store.RecordSet{Lines: v.Get("lines").String(), Packed: v.Get("batched").Int(), Rows: v.Get("rows").Int()}
	bad := v.Get("bad")
	for i := range bad.Length() {
		b := bad.Index(i)
		rs.Bad = append(rs.Bad, store.Aside{Store: b.Index(0).String(), Key: b.Index(1).String(), Value: b.Index(2).String(), Reason: "the stored row is not an annotation record"})
	}
	return rs, nil
}

func (db *DB) Repack(doc string) error {
	_, err := db.call("claimmarkRepack", doc)
	return err
}

func (db *DB) Write(b store.Batch) error {
	if _, err := db.connection(); err != nil {
		return err
	}
	db.mu.Lock()
	gone := db.gone
	db.mu.Unlock()
	if gone && !b.Whole {
		return store.ErrDataGone
	}
	err := db.write(b)
	if err == nil && b.Whole {
		db.mu.Lock()
		db.gone = false
		db.mu.Unlock()
	}
	return err
}

func (db *DB) write(b store.Batch) error {
	// One string each, rather than arrays built one element at a time.
	var puts []byte
	for i, record := range b.PutRecords() {
		a := &b.Put[i]
		if i > 0 {
			puts = append(puts, '\n')
		}
		puts = append(puts, a.ID...)
		puts = append(puts, '\t')
		puts = strconv.AppendInt(puts, a.Modified.UnixMilli(), 10)
		puts = append(puts, '\t')
		puts = append(puts, record...)
	}
	deletes := strings.Join(b.Delete, "\n")
	return db.transact("readwrite", []string{"meta", "documents", "texts", "annotations", "batches", "aside"}, func(tx js.Value) {
		if len(b.Put) > 0 || len(b.Delete) > 0 {
			js.Global().Call("claimmarkWrite", tx, b.Doc, string(puts), deletes, b.At.UnixMilli(), store.PackOnWrite)
		}
		if b.Text != "" {
			tx.Call("objectStore", "texts").Call("put", map[string]any{"sha256": b.Doc, "text": b.Text})
		}
		if i := b.Info; i != nil {
			tx.Call("objectStore", "documents").Call("put", map[string]any{
				"sha256": b.Doc, "title": i.Title, "chars": i.Chars,
				"opened": millis(i.Opened), "exported": millis(i.Exported), "changes": i.Changes,
				"changed": millis(i.Changed), "claims": i.Claims, "evidence": i.Evidence, "predictions": i.Predictions,
			})
		}
		if b.Current {
			tx.Call("objectStore", "meta").Call("put", b.Doc, "current")
		}
	})
}

func (db *DB) Meta(key string) (string, bool, error) {
	v, err := db.read("meta", func(s js.Value) js.Value { return s.Call("get", key) })
	if err != nil || v.Type() != js.TypeString {
		return "", false, err
	}
	return v.String(), true, nil
}

func (db *DB) SetMeta(key, value string) error {
	return db.transact("readwrite", []string{"meta"}, func(tx js.Value) {
		tx.Call("objectStore", "meta").Call("put", value, key)
	})
}

func (db *DB) DeleteDocument(doc string) error {
	return db.transact("readwrite", []string{"meta", "documents", "texts", "annotations", "batches", "snapshots"}, func(tx js.Value) {
		range_ := js.Global().Get("IDBKeyRange").Call("bound", []any{doc}, []any{doc, []any{}})
		tx.Call("objectStore", "documents").Call("delete", doc)
		tx.Call("objectStore", "texts").Call("delete", doc)
		tx.Call("objectStore", "batches").Call("delete", range_)
		tx.Call("objectStore", "annotations").Call("delete", range_)
		tx.Call("objectStore", "snapshots").Call("delete", range_)
		meta := tx.Call("objectStore", "meta")
		meta.Call("delete", "seq/"+doc)
		meta.Call("delete", "packed/"+doc)
		js.Global().Call("claimmarkForget", meta, doc)
	})
}

func (db *DB) SetAside(doc string, bad []store.Aside) error {
	rows := make([]any, len(bad))
	for i, a := range bad {
		rows[i] = []any{a.Store, a.Key, a.Value, a.Reason, millis(a.Found)}
	}
	return db.transact("readwrite", []string{"annotations", "batches", "aside"}, func(tx js.Value) {
		js.Global().Call("claimmarkSetAside", tx, doc, rows)
	})
}

func (db *DB) Aside() ([]store.Aside, error) {
	v, err := db.read("aside", func(s js.Value) js.Value { return s.Call("getAll") })
	if err != nil {
		return nil, err
	}
	var out []store.Aside
	for i := range v.Length() {
		r := v.Index(i)
		str := func(k string) string {
			f := r.Get(k)
			if f.Type() == js.TypeString {
				return f.String()
			}
			return js.Global().Get("JSON").Call("stringify", f).String()
		}
		out = append(out, store.Aside{Store: str("store"), Key: str("key"), Value: str("value"), Reason: str("reason"), Found: fromMillis(r.Get("found"))})
	}
	return out, nil
}

func (db *DB) AddSnapshot(s store.Snapshot) error {
	err := db.transact("readwrite", []string{"snapshots"}, func(tx js.Value) {
		tx.Call("objectStore", "snapshots").Call("put", map[string]any{
			"doc": s.Doc, "taken": s.Taken.UnixMilli(), "count": s.Count, "records": s.Records,
		})
	})
	if err != nil {
		return err
	}
	ss, err := db.Snapshots(s.Doc)
	if err != nil {
		return err
	}
	drop := store.Prune(ss)
	if len(drop) == 0 {
		return nil
	}
	return db.transact("readwrite", []string{"snapshots"}, func(tx js.Value) {
		for _, t := range drop {
			tx.Call("objectStore", "snapshots").Call("delete", []any{s.Doc, t.UnixMilli()})
		}
	})
}

func (db *DB) Snapshots(doc string) ([]store.Snapshot, error) {
	v, err := db.read("snapshots", func(s js.Value) js.Value { return s.Call("index", "doc").Call("getAll", doc) })
	if err != nil {
		return nil, err
	}
	var out []store.Snapshot
	for i := range v.Length() {
		if s, ok := snapshotOf(doc, v.Index(i)); ok {
			out = append(out, s)
		}
	}
	order.Sort(out, func(a, b store.Snapshot) int { return b.Taken.Compare(a.Taken) })
	return out, nil
}

// NewestSnapshot reads the keys of the document's snapshots, then the
// newest alone: opening a text should not read megabytes of older ones.
func (db *DB) NewestSnapshot(doc string) (*store.Snapshot, error) {
	keys, err := db.read("snapshots", func(s js.Value) js.Value {
		return s.Call("getAllKeys", js.Global().Get("IDBKeyRange").Call("bound", []any{doc}, []any{doc, []any{}}))
	})
	if err != nil || keys.Length() == 0 {
		return nil, err
	}
	last := keys.Index(keys.Length() - 1)
	v, err := db.read("snapshots", func(s js.Value) js.Value { return s.Call("get", last) })
	if err != nil {
		return nil, err
	}
	if s, ok := snapshotOf(doc, v); ok {
		return &s, nil
	}
	return nil, nil
}

func snapshotOf(doc string, r js.Value) (store.Snapshot, bool) {
	if r.Type() != js.TypeObject || r.Get("records").Type() != js.TypeString || r.Get("count").Type() != js.TypeNumber {
		return store.Snapshot{}, false
	}
	return store.Snapshot{Doc: doc, Taken: fromMillis(r.Get("taken")), Count: r.Get("count").Int(), Records: r.Get("records").String()}, true
}
