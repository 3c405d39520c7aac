package ui

import (
	"errors"

	"github.com/claimmark/claimmark/app/format"
	"github.com/claimmark/claimmark/app/session"
	"github.com/claimmark/claimmark/app/store"
	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// The page among others: the tabs open on the same data, the page being
// closed, and the browser's storage cleared under it.

// flush wakes the saver to write what waits, as the page may be closing;
// the journal holds it already, should the page close first.
func (s *storage) flush() {
	if s := s; s.saver != nil {
		s.saver.Retry()
	}
}

// listenForClose flushes when the page is hidden or closed.
func (s *storage) listenForClose() {
	fn := app.FuncOf(func(app.Value, []app.Value) any {
		if app.Window().Get("document").Get("visibilityState").String() == "hidden" {
			s.flush()
		}
		return nil
	})
	win, doc := app.Window(), app.Window().Get("document")
	win.Call("addEventListener", "pagehide", fn)
	doc.Call("addEventListener", "visibilitychange", fn)
	s.w.listeners = append(s.w.listeners, func() {
		win.Call("removeEventListener", "pagehide", fn)
		doc.Call("removeEventListener", "visibilitychange", fn)
		fn.Release()
	})
}

// The tabs of one browser keep in step through a BroadcastChannel: after
// each write, the writer posts what it wrote.
const channelName = "claimmark"

func (s *storage) listenToTabs() {
	bc := app.Window().Get("BroadcastChannel")
	if !bc.Truthy() {
		return
	}
	ch := bc.New(channelName)
	s.channel = ch
	fn := app.FuncOf(func(_ app.Value, args []app.Value) any {
		if data := args[0].Get("data"); data.Type() == app.TypeString {
			text := data.String()
			s.w.dispatch(func() { s.onTabMessage(text) })
		}
		return nil
	})
	ch.Call("addEventListener", "message", fn)
	// Tell the others which schema this tab runs.
	s.post(store.Message{Schema: store.Version, From: s.tab})
	s.w.listeners = append(s.w.listeners, func() {
		ch.Call("close")
		fn.Release()
	})
}

func (s *storage) post(m store.Message) {
	if ch := s.channel; ch != nil && ch.Truthy() {
		ch.Call("postMessage", m.Encode())
	}
}

func (s *storage) onTabMessage(text string) {
	m, err := store.DecodeMessage(text)
	switch {
	case err != nil:
		return
	case m.Schema > store.Version:
		if !s.outdated {
			s.becomeOutdated()
		}
		return
	case m.Schema < store.Version:
		// An older tab: tell it that a newer one runs.
		s.post(store.Message{Schema: store.Version, From: s.tab})
		return
	case m.From == s.tab || s.w.doc == nil || m.Doc != s.w.doc.SHA256:
		return
	}
	as, changed, err := m.Apply(s.w.doc, s.w.sess.Annotations())
	if err != nil || !changed {
		return
	}
	s.w.sess.Remote(as)
	s.w.docSaved = true
	for _, id := range m.Delete {
		delete(s.saved, id)
	}
	put := make(map[string]bool, len(m.Put))
	for _, rec := range m.Put {
		if a, err := format.DecodeRecord([]byte(rec)); err == nil {
			put[a.ID] = true
		}
	}
	for _, a := range as {
		if put[a.ID] {
			s.saved[a.ID] = &a
		}
	}
	if s.w.loadErr == nil {
		s.w.reindex()
	}
}

var errOutdated = errors.New("a newer version of claimmark is open in another tab; reload this tab to keep editing")

const outdatedText = "A newer version of claimmark is open in another tab. Reload this tab to keep editing; until then it saves nothing."

// becomeOutdated stops this tab from writing: a newer version of the app
// is running, and its data may not be what this one expects.
func (s *storage) becomeOutdated() {
	s.outdated = true
	s.w.sess.SetReadOnly(outdatedText)
	s.w.fail(outdatedText, session.Reload)
}

// writeBack writes the open text, its annotations and its exercise again,
// all of them, after the browser's storage was cleared under the page.
// Other texts were only on the device, and are gone with it.
func (s *storage) writeBack() {
	if s.w.doc == nil || s.w.loadErr != nil || s.outdated {
		return
	}
	s.w.docSaved, s.rewrite, s.newest = false, true, nil
	clear(s.saved)
	s.info.Changes = len(s.w.sess.Annotations())
	if err := s.commit(nil); err != nil {
		s.w.fail("The browser's storage for claimmark was cleared, and the open text could not be written back: "+err.Error()+". Export it to keep it.", session.ExportNow)
		return
	}
	if ex := s.w.exercise; ex != nil {
		if err := ex.save(s.db, s.w.doc); err != nil {
			s.w.fail("The exercise could not be saved on this device: " + err.Error())
		}
	}
	s.w.fail("The browser's storage for claimmark was cleared, with any other texts in it. The open text and its annotations are still here and are written back; export them to keep a copy.", session.ExportNow)
}
