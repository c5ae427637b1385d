package cadl.notebooks;

import static cadl.notebooks.Expectations.notebook;

import java.util.List;
import java.util.Map;

/**
 * What the notebook tests expect of Session 3 ({@code notebooks/session3/}): quick parameters, time budget,
 * images and metric bounds, as in {@link Expectations}. Each bound's comment gives the full run's value it was
 * set from.
 */
final class Session3Expectations {

    static final List<Map.Entry<String, Expectations.Expectation>> ENTRIES = List.of(
    );

    private Session3Expectations() {
    }
}
