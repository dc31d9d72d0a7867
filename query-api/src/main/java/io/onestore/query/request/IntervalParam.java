package io.onestore.query.request;

import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** Documents an {@code interval} parameter the way {@link Interval#parse} reads it. */
@Target({ElementType.PARAMETER, ElementType.FIELD})
@Retention(RetentionPolicy.RUNTIME)
@Parameter(
        description = "bucket size: a number and a unit m, h or d, from 1m to 366d; buckets are epoch-aligned UTC",
        schema = @Schema(type = "string", pattern = "^[1-9][0-9]{0,3}[mhd]$", example = "1d"))
public @interface IntervalParam {}
