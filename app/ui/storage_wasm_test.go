//go:build js && wasm

package ui

import (
	"strings"
	"syscall/js"
	"testing"
)

// fakeStorage installs a localStorage that, like Chromium's, throws a
// QuotaExceededError and keeps the old value when a write is too large.
func fakeStorage(t *testing.T, limit int) {
	t.Helper()
	makeStorage := js.Global().Get("Function").New("limit", `
		const data = new Map();
		const size = () => [...data].reduce((n, [k, v]) => n + k.length + v.length, 0);
		return {
			get length() { return data.size; },
			key: i => [...data.keys()][i] ?? null,
			removeItem: k => { data.delete(k); },
			getItem: k => data.has(k) ? data.get(k) : null,
			setItem: (k, v) => {
				const old = data.get(k);
				data.set(k, String(v));
				if (size() > limit) {
					if (old === undefined) data.delete(k); else data.set(k, old);
					const e = new Error("Setting the value of '" + k + "' exceeded the quota.");
					e.name = "QuotaExceededError";
					throw e;
				}
			},
		};`)
	js.Global().Set("localStorage", makeStorage.Invoke(limit))
	t.Cleanup(func() { js.Global().Delete("localStorage") })
}

func TestLocalStorageRoundTrip(t *testing.T) {
	fakeStorage(t, 1000)
	var kv localStorage
	if _, ok, err := kv.Get("missing"); ok || err != nil {
		t.Fatalf("Get(missing) = %v, %v", ok, err)
	}
	if err := kv.Set("k", "🐘 value"); err != nil {
		t.Fatal(err)
	}
	if v, ok, err := kv.Get("k"); v != "🐘 value" || !ok || err != nil {
		t.Fatalf("Get = %q, %v, %v", v, ok, err)
	}
}

func TestLocalStorageKeysAndRemove(t *testing.T) {
	fakeStorage(t, 1000)
	var kv localStorage
	kv.Set("a", "1")
	kv.Set("b", "2")
	if keys, err := kv.Keys(); err != nil || strings.Join(keys, ",") != "a,b" {
		t.Fatalf("Keys = %v, %v", keys, err)
	}
	if err := kv.Remove("a"); err != nil {
		t.Fatal(err)
	}
	if _, ok, _ := kv.Get("a"); ok {
		t.Error("a removed key is still there")
	}
}

func TestLocalStorageQuota(t *testing.T) {
	fakeStorage(t, 20)
	var kv localStorage
	if err := kv.Set("k", "small"); err != nil {
		t.Fatal(err)
	}
	err := kv.Set("k", strings.Repeat("x", 100))
	if err == nil || !strings.Contains(err.Error(), "exceeded the quota") {
		t.Fatalf("Set over quota = %v, want the browser's quota error", err)
	}
	if v, _, _ := kv.Get("k"); v != "small" {
		t.Errorf("after a failed write the value is %q", v)
	}
}

func TestLocalStorageMissing(t *testing.T) {
	js.Global().Delete("localStorage")
	var kv localStorage
	if err := kv.Set("k", "v"); err == nil || !strings.Contains(err.Error(), "not available") {
		t.Fatalf("Set without storage = %v", err)
	}
}
