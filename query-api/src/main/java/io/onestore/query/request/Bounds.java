package io.onestore.query.request;

import io.onestore.query.web.ApiException;
import io.onestore.query.web.ProblemType;

/** Range checks of numeric parameters, answered as {@code limit-out-of-range} problems. */
public final class Bounds {

    private Bounds() {}

    public static int check(String name, int value, int min, int max) {
        if (value < min || value > max) {
            throw new ApiException(
                    ProblemType.LIMIT_OUT_OF_RANGE, "'" + name + "' must be between " + min + " and " + max);
        }
        return value;
    }

    public static double check(String name, double value, double min, double max) {
        if (!(value >= min && value <= max)) {
            throw new ApiException(
                    ProblemType.LIMIT_OUT_OF_RANGE, "'" + name + "' must be between " + min + " and " + max);
        }
        return value;
    }
}
