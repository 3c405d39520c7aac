package workload

import "testing"

func TestMeasure(t *testing.T) {
	r, err := Measure(HeapMemory)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("%+v", r)
	if r.Placed+r.Unplaced != r.ToPlace || r.Placed == 0 {
		t.Errorf("placement counts %+v", r)
	}
}
