#ifndef TINYCALC_CALC_H
#define TINYCALC_CALC_H

/* Evaluates an arithmetic expression; sets *error to a message on failure. */
double calc_evaluate(const char *expression, const char **error);

#endif
