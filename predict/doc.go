// Package predict fits regularised logistic models for churn and upsell
// scores and evaluates, calibrates and explains them.
//
// Logistic minimises scikit-learn's objective, so that coefficients agree with
// scikit-learn's LogisticRegression for the same C and penalty:
//
//	C * sum_i s_i * logloss_i + R(w)
//	R(w) = 0.5*||w||^2                                   penalty "l2"
//	R(w) = ||w||_1                                       penalty "l1"
//	R(w) = l1_ratio*||w||_1 + 0.5*(1-l1_ratio)*||w||^2   penalty "elasticnet"
//	R(w) = 0                                             penalty "none"
//
// where s_i is the sample weight times the class weight and the intercept is
// not penalised (as with scikit-learn's lbfgs and saga solvers; liblinear
// penalises it).
//
// Every solver evaluates loss, gradient and (where needed) Hessian in one
// parallel pass over a contiguous row-major copy of the data, cut into fixed
// chunks whose partial sums are reduced in chunk order, so a fit is
// bit-identical whatever GOMAXPROCS is.
//
// Failure modes are errors, never panics or silent answers: labels other
// than 0/1 (ErrLabel, naming the row), NaN or Inf (ErrNonFinite, naming row
// and column), one class only (ErrSingleClass), shape mismatches
// (ErrDimension), negative or all-zero weights (ErrWeight; rows of weight 0
// are dropped before fitting). Linearly separable classes with penalty
// "none" have no finite maximum-likelihood solution: the fit stops with
// ErrSeparable as soon as an iterate classifies every row correctly, and
// returns no model. With any penalty the optimum exists and is returned,
// however weak the penalty (large C), and more features than rows is fine.
// A fit that reaches MaxIter returns its model together with an error
// wrapping ErrNotConverged.
//
// Evaluation (ROCAUC, AveragePrecision, LogLoss, Brier, Confusion, LiftTable,
// ROCCurve, CalibrationCurve), model selection (LogisticCV, StratifiedKFold),
// calibration (PlattScaling, IsotonicRegression), bootstrap intervals
// (BootstrapInterval) and explanations (LogisticModel.Explain) work on plain
// slices and gonum matrices: predict imports neither dataset nor features
// nor cluster.
//
// OutcomeFit fits the churn or upsell model of a whole-model fit (an
// Outcome): the model (linear or additive, ModelChoice) on the training rows, its Platt map cross-fitted
// on out-of-fold scores of those rows, and its figures on
// held-out rows (EvaluateOutcome, OutcomeMetrics); OutcomeFile is its part
// of a model file, checked as it loads.
//
// Additive fits an interpretable non-linear model, a GA2M (Lou, Caruana,
// Gehrke & Hooker, KDD 2013): a smooth shape for each feature a score test
// finds bent (a line for the others) and the pairwise interactions that
// test significant, inside one L2 logistic regression whose strength is
// chosen by cross-validation; AdditiveModel.Contributions explains a
// score column by column and Shape (ShapeCurve) draws each feature's curve.
// ModelChoice fits both kinds for an outcome and keeps the additive model
// only where cross-validation says it helps (the one-standard-error rule),
// then calibrates the kept one on out-of-fold scores; OutcomeFit uses it.
// Both kinds implement Decision, which scoring and explanations read;
// AdditiveModel.Layout gives the additive model as plain arithmetic (for
// SQL).
package predict
