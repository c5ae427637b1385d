package cadl.notebooks;

import static cadl.notebooks.Expectations.notebook;

import java.util.List;
import java.util.Map;

/**
 * What the notebook tests expect of the Gentle Introduction ({@code notebooks/gentle-intro/}): quick parameters, time budget,
 * images and metric bounds, as in {@link Expectations}. Each bound's comment gives the full run's value it was
 * set from.
 */
final class GentleIntroExpectations {

    static final List<Map.Entry<String, Expectations.Expectation>> ENTRIES = List.of(
    );

    private GentleIntroExpectations() {
    }
}
