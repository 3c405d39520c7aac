package main

import (
	"cmp"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/performance"
	"github.com/chromedp/cdproto/profiler"
	"github.com/chromedp/chromedp"
)

// profiling, set by -profile, makes the parts that support it print
// where the page's time went while they ran.
var profiling bool

// mineOnly, set by -mine, leaves the peer out of the peer part.
var mineOnly bool

// profile runs fn under the page's CPU profiler and prints the functions
// that took the most time: by their own time, and with what they called.
// Only the runs with on set are profiled.
func profile(ctx context.Context, w io.Writer, title string, fn func() error, on bool) error {
	if !profiling || !on {
		return fn()
	}
	if _, err := chromedp.Call(ctx, profiler.Enable, cdp.Empty{}); err != nil {
		return err
	}
	if _, err := chromedp.Call(ctx, profiler.SetSamplingInterval, profiler.SetSamplingIntervalParams{Interval: 200}); err != nil {
		return err
	}
	if _, err := chromedp.Call(ctx, profiler.Start, cdp.Empty{}); err != nil {
		return err
	}
	if _, err := chromedp.Call(ctx, performance.Enable, performance.EnableParams{}); err != nil {
		return err
	}
	before, err := chromedp.Call(ctx, performance.GetMetrics, cdp.Empty{})
	if err != nil {
		return err
	}
	ferr := fn()
	res, err := chromedp.Call(ctx, profiler.Stop, cdp.Empty{})
	if ferr != nil {
		return ferr
	}
	if err != nil {
		return err
	}
	after, err := chromedp.Call(ctx, performance.GetMetrics, cdp.Empty{})
	if err != nil {
		return err
	}
	printProfile(w, title, res.Profile, 20)
	printMetrics(w, before.Metrics, after.Metrics)
	// The whole profile, to open in the browser's developer tools.
	b, err := json.Marshal(res.Profile)
	if err != nil {
		return err
	}
	file := filepath.Join("build", strings.ReplaceAll(title, " ", "-")+".cpuprofile")
	if err := os.WriteFile(file, b, 0o644); err != nil {
		return err
	}
	fmt.Fprintf(w, "    the whole profile: %s\n", file)
	return nil
}

// printProfile prints the n functions of p with the most time of their
// own, and the n with the most time with their callees.
func printProfile(w io.Writer, title string, p *profiler.Profile, n int) {
	byID := make(map[int64]*profiler.ProfileNode, len(p.Nodes))
	parent := make(map[int64]int64, len(p.Nodes))
	for _, node := range p.Nodes {
		byID[node.ID] = node
		for _, c := range node.Children {
			parent[c] = node.ID
		}
	}
	name := func(node *profiler.ProfileNode) string {
		if node.CallFrame.FunctionName == "" {
			return "(anonymous) " + node.CallFrame.URL
		}
		return node.CallFrame.FunctionName
	}
	self, total := map[string]float64{}, map[string]float64{}
	var all float64
	for i, id := range p.Samples {
		ms := float64(p.TimeDeltas[i]) / 1000
		all += ms
		self[name(byID[id])] += ms
		seen := map[string]bool{}
		for at, ok := id, true; ok; at, ok = parent[at] {
			if nm := name(byID[at]); !seen[nm] {
				seen[nm] = true
				total[nm] += ms
			}
		}
	}
	top := func(m map[string]float64) []string {
		names := make([]string, 0, len(m))
		for k := range m {
			names = append(names, k)
		}
		slices.SortFunc(names, func(a, b string) int { return cmp.Compare(m[b], m[a]) })
		return names[:min(n, len(names))]
	}
	fmt.Fprintf(w, "  profile of %s: %.0f ms sampled\n    own time:\n", title, all)
	for _, k := range top(self) {
		fmt.Fprintf(w, "      %7.1f  %s\n", self[k], k)
	}
	fmt.Fprintf(w, "    with what they called:\n")
	for _, k := range top(total) {
		fmt.Fprintf(w, "      %7.1f  %s\n", total[k], k)
	}
}

// printMetrics prints what the page's renderer spent, from the browser's
// own counters: its script, and the style and layout that the profile
// counts as "(program)".
func printMetrics(w io.Writer, before, after []*performance.Metric) {
	was := map[string]float64{}
	for _, m := range before {
		was[m.Name] = m.Value
	}
	fmt.Fprintf(w, "    the renderer's counters over the same time:")
	for _, m := range after {
		switch m.Name {
		case "TaskDuration", "ScriptDuration", "RecalcStyleDuration", "LayoutDuration":
			fmt.Fprintf(w, " %s %.0f ms", strings.TrimSuffix(m.Name, "Duration"), (m.Value-was[m.Name])*1000)
		case "RecalcStyleCount", "LayoutCount":
			fmt.Fprintf(w, " %s %.0f", m.Name, m.Value-was[m.Name])
		}
	}
	fmt.Fprintln(w)
}
