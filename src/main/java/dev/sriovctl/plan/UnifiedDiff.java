package dev.sriovctl.plan;

import java.util.ArrayList;
import java.util.List;

/**
 * A unified diff of two texts, like {@code diff -u}: Myers' O((N+M)D) algorithm on lines after
 * trimming the common head and tail, with 3 lines of context. Written here rather than taking a
 * dependency: the plan only ever diffs small configuration files.
 */
public final class UnifiedDiff {
    private UnifiedDiff() {
    }

    public static final int CONTEXT = 3;

    /** Lines added and removed. */
    public record Counts(int added, int removed) {
    }

    private enum Op { KEEP, ADD, DEL }

    private record Edit(Op op, String line, int oldLine, int newLine) {
    }

    /** The diff, headed {@code --- a} / {@code +++ b}; empty when the texts are equal. */
    public static String diff(String oldName, String newName, String oldText, String newText) {
        List<String> a = lines(oldText);
        List<String> b = lines(newText);
        List<Edit> edits = edits(a, b);
        if (edits.stream().allMatch(e -> e.op == Op.KEEP)) return "";
        StringBuilder sb = new StringBuilder();
        sb.append("--- ").append(oldName).append('\n');
        sb.append("+++ ").append(newName).append('\n');
        int i = 0;
        while (i < edits.size()) {
            if (edits.get(i).op == Op.KEEP) {
                i++;
                continue;
            }
            int start = Math.max(0, i - CONTEXT);
            int end = i;
            // extend the hunk while changes are within 2*CONTEXT lines of each other
            int j = i;
            while (j < edits.size()) {
                if (edits.get(j).op != Op.KEEP) {
                    end = j;
                    j++;
                    continue;
                }
                int k = j;
                while (k < edits.size() && edits.get(k).op == Op.KEEP) k++;
                if (k < edits.size() && k - j <= 2 * CONTEXT) {
                    j = k;
                } else {
                    break;
                }
            }
            int stop = Math.min(edits.size(), end + CONTEXT + 1);
            hunk(sb, edits.subList(start, stop));
            i = stop;
        }
        return sb.toString();
    }

    public static Counts counts(String oldText, String newText) {
        int add = 0;
        int del = 0;
        for (Edit e : edits(lines(oldText), lines(newText))) {
            if (e.op == Op.ADD) add++;
            if (e.op == Op.DEL) del++;
        }
        return new Counts(add, del);
    }

    private static void hunk(StringBuilder sb, List<Edit> h) {
        int oldStart = -1, newStart = -1, oldCount = 0, newCount = 0;
        for (Edit e : h) {
            if (e.op != Op.ADD) {
                if (oldStart < 0) oldStart = e.oldLine;
                oldCount++;
            }
            if (e.op != Op.DEL) {
                if (newStart < 0) newStart = e.newLine;
                newCount++;
            }
        }
        if (oldStart < 0) oldStart = h.get(0).oldLine;
        if (newStart < 0) newStart = h.get(0).newLine;
        sb.append("@@ -").append(range(oldStart, oldCount)).append(" +").append(range(newStart, newCount)).append(" @@\n");
        for (Edit e : h) {
            sb.append(e.op == Op.KEEP ? ' ' : e.op == Op.ADD ? '+' : '-').append(e.line).append('\n');
        }
    }

    private static String range(int start, int count) {
        return count == 1 ? Integer.toString(start) : start + "," + count;
    }

    static List<String> lines(String text) {
        if (text == null || text.isEmpty()) return List.of();
        List<String> out = new ArrayList<>(List.of(text.split("\n", -1)));
        if (text.endsWith("\n")) out.remove(out.size() - 1);
        return out;
    }

    /** The edit script; line numbers are 1-based (an ADD carries the old position it follows). */
    private static List<Edit> edits(List<String> a, List<String> b) {
        int head = 0;
        while (head < a.size() && head < b.size() && a.get(head).equals(b.get(head))) head++;
        int tail = 0;
        while (tail < a.size() - head && tail < b.size() - head
                && a.get(a.size() - 1 - tail).equals(b.get(b.size() - 1 - tail))) tail++;
        List<String> am = a.subList(head, a.size() - tail);
        List<String> bm = b.subList(head, b.size() - tail);
        List<Edit> out = new ArrayList<>();
        for (int i = 0; i < head; i++) out.add(new Edit(Op.KEEP, a.get(i), i + 1, i + 1));
        for (Edit e : myers(am, bm)) out.add(new Edit(e.op, e.line, e.oldLine + head, e.newLine + head));
        for (int i = 0; i < tail; i++) {
            int ai = a.size() - tail + i;
            int bi = b.size() - tail + i;
            out.add(new Edit(Op.KEEP, a.get(ai), ai + 1, bi + 1));
        }
        return out;
    }

    private static List<Edit> myers(List<String> a, List<String> b) {
        int n = a.size();
        int m = b.size();
        List<Edit> out = new ArrayList<>();
        if (n == 0 || m == 0) { // a new or a deleted file: no search needed
            for (int i = 0; i < n; i++) out.add(new Edit(Op.DEL, a.get(i), i + 1, 0));
            for (int j = 0; j < m; j++) out.add(new Edit(Op.ADD, b.get(j), 0, j + 1));
            return out;
        }
        int max = n + m;
        int o = max + 1; // v[o + k] is V[k], k in -max-1..max+1
        // trace.get(d) holds V[-d-1..d+1] before round d (O(D^2) memory, not O(D(N+M)))
        List<int[]> trace = new ArrayList<>();
        int[] v = new int[2 * max + 3];
        int found = -1;
        for (int d = 0; d <= max && found < 0; d++) {
            int[] snap = new int[2 * d + 3];
            System.arraycopy(v, o - d - 1, snap, 0, 2 * d + 3);
            trace.add(snap);
            for (int k = -d; k <= d; k += 2) {
                int x = (k == -d || (k != d && v[o + k - 1] < v[o + k + 1])) ? v[o + k + 1] : v[o + k - 1] + 1;
                int y = x - k;
                while (x < n && y < m && a.get(x).equals(b.get(y))) {
                    x++;
                    y++;
                }
                v[o + k] = x;
                if (x >= n && y >= m) {
                    found = d;
                    break;
                }
            }
        }
        List<Edit> rev = new ArrayList<>();
        int x = n;
        int y = m;
        for (int d = found; d > 0; d--) {
            int[] pv = trace.get(d);
            int off = d + 1; // pv[off + k] is V[k]
            int k = x - y;
            int prevK = (k == -d || (k != d && pv[off + k - 1] < pv[off + k + 1])) ? k + 1 : k - 1;
            int prevX = pv[off + prevK];
            int prevY = prevX - prevK;
            while (x > prevX && y > prevY) {
                rev.add(new Edit(Op.KEEP, a.get(x - 1), x, y));
                x--;
                y--;
            }
            if (x == prevX) rev.add(new Edit(Op.ADD, b.get(y - 1), x, y));
            else rev.add(new Edit(Op.DEL, a.get(x - 1), x, y));
            x = prevX;
            y = prevY;
        }
        while (x > 0 && y > 0) {
            rev.add(new Edit(Op.KEEP, a.get(x - 1), x, y));
            x--;
            y--;
        }
        for (int i = rev.size() - 1; i >= 0; i--) out.add(rev.get(i));
        return out;
    }
}
