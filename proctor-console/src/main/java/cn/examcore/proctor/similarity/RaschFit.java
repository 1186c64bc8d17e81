package cn.examcore.proctor.similarity;

/**
 * A Rasch (one-parameter logistic) model fitted to one sitting's right/wrong matrix, giving each candidate's chance
 * of answering each item wrongly. Joint maximum likelihood with a weak normal prior (σ = 2) on abilities and
 * difficulties, so that candidates or items with all answers right (or all wrong) get finite estimates instead of
 * running off to infinity.
 */
final class RaschFit {

    private static final int ITERATIONS = 40;
    private static final double PRIOR_PRECISION = 0.25;
    private static final double TOLERANCE = 1e-6;

    private RaschFit() {
    }

    /**
     * @param correct [candidate][item]: 1 right, 0 wrong, −1 not answered (left out of the fit)
     * @return [candidate][item]: the fitted probability of a wrong answer
     */
    static double[][] wrongProbabilities(int[][] correct, int items) {
        int n = correct.length;
        double[] ability = new double[n];
        double[] difficulty = new double[items];
        for (int iter = 0; iter < ITERATIONS; iter++) {
            double change = 0;
            for (int c = 0; c < n; c++) {
                double gradient = -ability[c] * PRIOR_PRECISION;
                double information = PRIOR_PRECISION;
                for (int i = 0; i < items; i++) {
                    if (correct[c][i] >= 0) {
                        double p = logistic(ability[c] - difficulty[i]);
                        gradient += correct[c][i] - p;
                        information += p * (1 - p);
                    }
                }
                double step = gradient / information;
                ability[c] += step;
                change = Math.max(change, Math.abs(step));
            }
            for (int i = 0; i < items; i++) {
                double gradient = difficulty[i] * PRIOR_PRECISION;
                double information = PRIOR_PRECISION;
                for (int c = 0; c < n; c++) {
                    if (correct[c][i] >= 0) {
                        double p = logistic(ability[c] - difficulty[i]);
                        gradient += correct[c][i] - p;
                        information += p * (1 - p);
                    }
                }
                double step = gradient / information;
                difficulty[i] -= step;
                change = Math.max(change, Math.abs(step));
            }
            if (change < TOLERANCE) {
                break;
            }
        }
        double[][] wrong = new double[n][items];
        for (int c = 0; c < n; c++) {
            for (int i = 0; i < items; i++) {
                wrong[c][i] = 1 - logistic(ability[c] - difficulty[i]);
            }
        }
        return wrong;
    }

    private static double logistic(double x) {
        return 1 / (1 + Math.exp(-x));
    }
}
