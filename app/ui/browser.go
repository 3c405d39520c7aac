package ui

import (
	"fmt"
	"strings"

	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// This file holds the small pieces of browser glue the reader needs; all of
// them go through go-app's app.Value so the package also builds natively,
// where the server prerenders pages.

// jsCall calls a method and turns a thrown JS exception into an error.
func jsCall(v app.Value, method string, args ...any) (result app.Value, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("%v", r)
		}
	}()
	return v.Call(method, args...), nil
}

// localStorage is a store.KV over window.localStorage: schema 1 lived
// there, and the journal of a closing page goes there, as it is written at
// once.
type localStorage struct{}

func (localStorage) storage() (app.Value, error) {
	var s app.Value
	err := func() (err error) {
		defer func() {
			if r := recover(); r != nil {
				err = fmt.Errorf("browser storage is not available: %v", r)
			}
		}()
		s = app.Window().Get("localStorage")
		return nil
	}()
	if err == nil && (s == nil || s.IsNull() || s.IsUndefined()) {
		err = fmt.Errorf("browser storage is not available")
	}
	return s, err
}

func (l localStorage) Get(key string) (string, bool, error) {
	s, err := l.storage()
	if err != nil {
		return "", false, err
	}
	v, err := jsCall(s, "getItem", key)
	if err != nil || v.IsNull() {
		return "", false, err
	}
	return v.String(), true, nil
}

func (l localStorage) Set(key, value string) error {
	s, err := l.storage()
	if err != nil {
		return err
	}
	_, err = jsCall(s, "setItem", key, value)
	return err
}

func (l localStorage) Remove(key string) error {
	s, err := l.storage()
	if err != nil {
		return err
	}
	_, err = jsCall(s, "removeItem", key)
	return err
}

func (l localStorage) Keys() ([]string, error) {
	s, err := l.storage()
	if err != nil {
		return nil, err
	}
	keys := make([]string, s.Get("length").Int())
	for i := range keys {
		k, err := jsCall(s, "key", i)
		if err != nil {
			return nil, err
		}
		keys[i] = k.String()
	}
	return keys, nil
}

// download saves data as a file through a temporary object URL.
func download(name, mime string, data []byte) {
	bytes := app.Window().Get("Uint8Array").New(len(data))
	app.CopyBytesToJS(bytes, data)
	parts := app.Window().Get("Array").Call("of", bytes)
	blob := app.Window().Get("Blob").New(parts, map[string]any{"type": mime})
	url := app.Window().Get("URL").Call("createObjectURL", blob)
	doc := app.Window().Get("document")
	a := doc.Call("createElement", "a")
	a.Set("href", url)
	a.Set("download", name)
	doc.Get("body").Call("appendChild", a)
	a.Call("click")
	a.Call("remove")
	// Revoking at once can cancel the download in some browsers.
	var revoke app.Func
	revoke = app.FuncOf(func(app.Value, []app.Value) any {
		app.Window().Get("URL").Call("revokeObjectURL", url)
		revoke.Release()
		return nil
	})
	app.Window().Call("setTimeout", revoke, 60_000)
}

// afterPaint calls fn on the UI goroutine once the next frame is painted:
// reading the layout then costs nothing, where before it would force it.
func afterPaint(ctx app.Context, fn func()) {
	var frame, task app.Func
	task = app.FuncOf(func(app.Value, []app.Value) any {
		task.Release()
		ctx.Dispatch(func(app.Context) { fn() })
		return nil
	})
	frame = app.FuncOf(func(app.Value, []app.Value) any {
		frame.Release()
		app.Window().Call("setTimeout", task, 0)
		return nil
	})
	app.Window().Call("requestAnimationFrame", frame)
}

// then waits for a promise and calls ok or fail with its outcome.
func then(p app.Value, ok func(app.Value), fail func(error)) {
	var resolve, reject app.Func
	release := func() { resolve.Release(); reject.Release() }
	resolve = app.FuncOf(func(_ app.Value, args []app.Value) any {
		release()
		ok(args[0])
		return nil
	})
	reject = app.FuncOf(func(_ app.Value, args []app.Value) any {
		release()
		fail(fmt.Errorf("%s", args[0].Call("toString").String()))
		return nil
	})
	p.Call("then", resolve, reject)
}

// readFile reads a File object's bytes and calls done on the UI goroutine.
func readFile(ctx app.Context, file app.Value, done func(app.Context, []byte, error)) {
	then(file.Call("arrayBuffer"), func(buf app.Value) {
		data := make([]byte, buf.Get("byteLength").Int())
		app.CopyBytesToGo(data, app.Window().Get("Uint8Array").New(buf))
		ctx.Dispatch(func(ctx app.Context) { done(ctx, data, nil) })
	}, func(err error) {
		ctx.Dispatch(func(ctx app.Context) { done(ctx, nil, err) })
	})
}

// markReady tells tests and benchmarks that the app accepts input.
func markReady() {
	doc := app.Window().Get("document")
	root := doc.Get("documentElement")
	if root.Call("hasAttribute", "data-claimmark-ready").Bool() {
		return
	}
	root.Call("setAttribute", "data-claimmark-ready", "")
	perfMark("claimmark-ready")
}

func perfMark(name string) { app.Window().Get("performance").Call("mark", name) }

// perfMarkDetail marks with a figure the page measured itself.
func perfMarkDetail(name string, detail float64) {
	app.Window().Get("performance").Call("mark", name, map[string]any{"detail": detail})
}

// watchForUpdate calls found, on the UI goroutine, when a newer version of
// the app than the running one is installed: either its service worker
// cache is there already when the page starts (the worker updates while
// the old page loads), or the worker takes over later. go-app's own signal
// fires only for an update it sees start, which can come before the app
// is listening.
func watchForUpdate(ctx app.Context, found func()) func() {
	sw := app.Window().Get("navigator").Get("serviceWorker")
	caches := app.Window().Get("caches")
	if !sw.Truthy() || !caches.Truthy() {
		return func() {}
	}
	current := "app-" + app.Getenv("GOAPP_VERSION")
	then(caches.Call("keys"), func(keys app.Value) {
		for i := 0; i < keys.Length(); i++ {
			if k := keys.Index(i).String(); strings.HasPrefix(k, "app-") && k != current {
				ctx.Dispatch(func(app.Context) { found() })
				return
			}
		}
	}, func(error) {})
	hadController := sw.Get("controller").Truthy()
	onChange := app.FuncOf(func(app.Value, []app.Value) any {
		if hadController {
			ctx.Dispatch(func(app.Context) { found() })
		}
		return nil
	})
	sw.Call("addEventListener", "controllerchange", onChange)
	return func() {
		sw.Call("removeEventListener", "controllerchange", onChange)
		onChange.Release()
	}
}

// keepInView moves a popup sideways, as little as it takes, so that it
// stands inside the window: a menu aligned to a button near the edge of
// a phone's screen would hang off it.
func keepInView(el app.Value) {
	if !el.Truthy() {
		return
	}
	el.Get("style").Set("translate", "")
	rect := el.Call("getBoundingClientRect")
	left, right := rect.Get("left").Float(), rect.Get("right").Float()
	width := app.Window().Get("document").Get("documentElement").Get("clientWidth").Float()
	const margin = 8
	shift := 0.0
	switch {
	case left < margin:
		shift = margin - left
	case right > width-margin:
		shift = max(width-margin-right, margin-left)
	}
	if shift != 0 {
		el.Get("style").Set("translate", fmt.Sprintf("%.0fpx 0", shift))
	}
}
