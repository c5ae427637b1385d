package cadl.kernel;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.dflib.jjava.jupyter.kernel.history.HistoryManager;
import org.dflib.jjava.jupyter.messages.request.HistoryRequest;

/**
 * The cells run in this kernel session, for {@code history_request}: tail, range and search
 * (glob patterns, {@code unique}, {@code n}). Entries are {@code [session, line, input]} or,
 * with output, {@code [session, line, [input, output]]}. The session number is 1; 0 means the
 * current session too. Kept in memory only: a restart starts a new history.
 */
final class CellHistory implements HistoryManager {

    static final int SESSION = 1;

    private record Entry(int line, String input, String output) {
    }

    private final List<Entry> entries = new ArrayList<>();

    synchronized void add(int line, String input, String output) {
        entries.add(new Entry(line, input, output));
    }

    /** The history_reply's entries for {@code request}. */
    synchronized List<Object> answer(HistoryRequest request) {
        boolean output = request.includeOutput();
        List<Entry> chosen = new ArrayList<>();
        switch (request.getAccessType()) {
            case TAIL -> {
                int n = ((HistoryRequest.Tail) request).getMaxReturnLength();
                chosen.addAll(entries.subList(Math.max(0, entries.size() - Math.max(0, n)), entries.size()));
            }
            case RANGE -> {
                HistoryRequest.Range r = (HistoryRequest.Range) request;
                if (r.getSessionIndex() == 0 || r.getSessionIndex() == SESSION) {
                    int stop = r.getStop() <= 0 ? Integer.MAX_VALUE : r.getStop();
                    for (Entry e : entries) {
                        if (e.line() >= r.getStart() && e.line() < stop) {
                            chosen.add(e);
                        }
                    }
                }
            }
            case SEARCH -> {
                HistoryRequest.Search s = (HistoryRequest.Search) request;
                Pattern p = glob(s.getPattern());
                List<Entry> matches = new ArrayList<>();
                for (Entry e : entries) {
                    if (p.matcher(e.input()).matches()) {
                        matches.add(e);
                    }
                }
                if (s.filterUnique()) {
                    Map<String, Entry> last = new LinkedHashMap<>();
                    for (Entry e : matches) {
                        last.remove(e.input());
                        last.put(e.input(), e);
                    }
                    matches = new ArrayList<>(last.values());
                }
                int n = s.getMaxReturnLength();
                if (n > 0 && matches.size() > n) {
                    matches = matches.subList(matches.size() - n, matches.size());
                }
                chosen.addAll(matches);
            }
            default -> {
            }
        }
        List<Object> out = new ArrayList<>();
        for (Entry e : chosen) {
            Object text = output ? List.of(e.input(), e.output() == null ? "" : e.output()) : e.input();
            out.add(List.of(SESSION, e.line(), text));
        }
        return out;
    }

    /** A glob ({@code *}, {@code ?}) as a regular expression over the whole input. */
    static Pattern glob(String pattern) {
        StringBuilder b = new StringBuilder();
        for (char c : (pattern == null ? "*" : pattern).toCharArray()) {
            switch (c) {
                case '*' -> b.append(".*");
                case '?' -> b.append('.');
                default -> b.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(b.toString(), Pattern.DOTALL);
    }
}
