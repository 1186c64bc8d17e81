package cn.examcore.proctor.rules;

/** Where a {@link Rule} reports what it found. */
@FunctionalInterface
public interface Findings {

    void report(Finding finding);
}
