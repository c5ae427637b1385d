package cadl.notebook;

import java.util.ArrayList;
import java.util.List;

/** A {@link LiveOutput.Sink} for tests: records "show", "update" and "last" calls, with a clock the test moves. */
public final class RecordingSink implements LiveOutput.Sink {
    /** The calls in order: "show", "update" or "last". */
    public final List<String> calls = new ArrayList<>();
    /** What each call drew. */
    public final List<Object> shown = new ArrayList<>();
    /** The clock's reading in nanoseconds, for {@code () -> sink.now}. */
    public long now;
    /** Whether updates not marked last are visible: true as in a kernel, false as on a text console. */
    public boolean updatesVisible = true;

    @Override
    public String show(Object o) {
        calls.add("show");
        shown.add(o);
        return "id-1";
    }

    @Override
    public boolean update(String id, Object o, boolean last) {
        if (!"id-1".equals(id)) {
            throw new AssertionError("update of display id " + id + ", expected id-1 (the one show returned)");
        }
        calls.add(last ? "last" : "update");
        shown.add(o);
        return last || updatesVisible;
    }
}
