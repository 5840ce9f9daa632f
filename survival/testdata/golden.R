# Golden Kaplan-Meier figures from R's survival::survfit for survival's tests.
#
# Regenerate (Debian: apt-get install -y r-base-core r-cran-survival), from
# the repository root:
#
#   Rscript survival/testdata/golden.R /work/shared/data/online_retail.csv.gz
#
# It writes, next to itself:
#   km_inputs.csv       the small golden sets: set, time, status (1 event, 0 censored), group
#   retail_tenure.csv   per customer of the UCI Online Retail data (Chen, Sain and Guo
#                       2012, CC BY 4.0; /work/shared/data/README.md): first and last
#                       purchase date, tenure_months = days between them / (365.25/12),
#                       churned = 1 when the last purchase is more than 90 days before the
#                       last invoice date of the data (2011-12-09), uk = 1 for the United
#                       Kingdom (the customer's first country). Rows without CustomerID and
#                       cancellations (InvoiceNo starting with C) are left out.
#   km_steps.csv        survfit's time, n.risk, n.event, n.censor, surv, std.err, lower,
#                       upper per set, conf.type and conf.int level
#   km_summary.csv      median and its confidence limits (print.survfit's rule, from
#                       summary(fit)$table), rmean and se(rmean) at a horizon (0 = R's
#                       default, the last time)
# Numbers are written with 17 significant digits; NA and Inf as R prints them.
#
# std.err in a survfit object is the standard error of the cumulative hazard,
# -log S (Greenwood's sum under the square root), not of S: survival.Step.StdErr
# is compared with it, Step.SurvStdErr() = surv * std.err is the standard error of S.
suppressMessages(library(survival))

args <- commandArgs(trailingOnly = TRUE)
retail_path <- if (length(args) >= 1) args[1] else "/work/shared/data/online_retail.csv.gz"
here <- dirname(normalizePath(sub("--file=", "", grep("--file=", commandArgs(FALSE), value = TRUE))))
out <- function(name) file.path(here, name)
num <- function(x) ifelse(is.na(x), "NA", sprintf("%.17g", x))

# Small sets, each chosen for one rule.
sets <- list(
  # several events and censorings tied at the same times
  ties = data.frame(time = c(1, 1, 1, 2, 2, 3, 3, 3, 3, 5, 5, 6, 8, 8, 9),
                    status = c(1, 1, 0, 1, 0, 1, 1, 0, 0, 1, 1, 0, 1, 0, 1)),
  # censorings at event times, the last time an event with n = d (S = 0)
  censor_at_events = data.frame(time = c(2, 2, 4, 4, 4, 7, 7, 10, 10, 12),
                                status = c(1, 0, 1, 0, 0, 1, 0, 1, 0, 1)),
  # a tail of censorings only: S never reaches 0, median not reached
  censored_tail = data.frame(time = c(1, 3, 4, 6, 6, 7, 8, 9, 10, 11, 12, 13),
                             status = c(1, 0, 1, 0, 0, 1, 0, 0, 0, 0, 0, 0)),
  # S is exactly 0.5 over [4, 7): median (4 + 7) / 2
  half_interval = data.frame(time = c(1, 2, 3, 4, 5, 6, 7, 8),
                             status = c(1, 1, 1, 1, 0, 0, 1, 1)),
  # S is exactly 0.5 from 3 to the last time: median 3 (print.survfit)
  half_to_end = data.frame(time = c(1, 2, 3, 4, 5, 6),
                           status = c(1, 1, 1, 0, 0, 0)),
  # censored before the first event (log-log is NA at S = 1), times at 0
  early_censor = data.frame(time = c(0, 0, 1, 1, 2, 3, 3, 4, 5, 6, 7, 8),
                            status = c(1, 0, 0, 0, 1, 1, 0, 1, 0, 1, 0, 0)),
  # all censored: S = 1 throughout
  all_censored = data.frame(time = c(2, 3, 5), status = c(0, 0, 0))
)
inputs <- do.call(rbind, lapply(names(sets), function(s) data.frame(set = s, sets[[s]], group = 0)))

# The real set: time from first to last purchase of each Online Retail customer.
tx <- read.csv(gzfile(retail_path), colClasses = "character")
tx <- tx[tx$CustomerID != "" & !startsWith(tx$InvoiceNo, "C"), ]
tx$day <- as.Date(substr(tx$InvoiceDate, 1, 10))
tx <- tx[order(tx$CustomerID, tx$day, tx$InvoiceNo), ]
end <- max(tx$day)
first <- tapply(tx$day, tx$CustomerID, min)
last <- tapply(tx$day, tx$CustomerID, max)
country <- tapply(tx$Country, tx$CustomerID, function(x) x[1])
ids <- names(first)
retail <- data.frame(customer = as.integer(as.numeric(ids)),
                     first = format(as.Date(first, origin = "1970-01-01")),
                     last = format(as.Date(last, origin = "1970-01-01")),
                     tenure_months = as.numeric(last - first) / (365.25 / 12),
                     churned = as.integer(end - as.Date(last, origin = "1970-01-01") > 90),
                     uk = as.integer(country == "United Kingdom"))
retail <- retail[order(retail$customer), ]
write.csv(transform(retail, tenure_months = num(tenure_months)), out("retail_tenure.csv"),
          row.names = FALSE, quote = FALSE)
write.csv(inputs, out("km_inputs.csv"), row.names = FALSE, quote = FALSE)

all <- c(split(inputs[, c("time", "status", "group")], inputs$set)[names(sets)],
         list(retail = data.frame(time = retail$tenure_months, status = retail$churned, group = 0),
              retail_uk = data.frame(time = retail$tenure_months, status = retail$churned, group = retail$uk),
              retail_uk_0 = data.frame(time = retail$tenure_months[retail$uk == 0],
                                       status = retail$churned[retail$uk == 0], group = 0),
              retail_uk_1 = data.frame(time = retail$tenure_months[retail$uk == 1],
                                       status = retail$churned[retail$uk == 1], group = 1)))
all$retail_uk <- NULL # the per-group curves are checked through retail_uk_0 and retail_uk_1

steps <- list(); summ <- list()
for (s in names(all)) {
  d <- all[[s]]
  for (ct in c("log", "log-log", "plain")) {
    for (lvl in c(0.95, 0.9)) {
      f <- survfit(Surv(time, status) ~ 1, data = d, conf.type = ct, conf.int = lvl)
      steps[[length(steps) + 1]] <- data.frame(set = s, conf_type = ct, level = lvl,
        time = num(f$time), n_risk = f$n.risk, n_event = f$n.event, n_censor = f$n.censor,
        surv = num(f$surv), std_err = num(f$std.err), lower = num(f$lower), upper = num(f$upper))
      for (h in c(0, 0.5 * max(d$time), 2 * max(d$time))) {
        tab <- if (h == 0) summary(f)$table else summary(f, rmean = h)$table
        summ[[length(summ) + 1]] <- data.frame(set = s, conf_type = ct, level = lvl, horizon = num(h),
          median = num(tab[["median"]]), lcl = num(tab[[7 + 1]]), ucl = num(tab[[7 + 2]]),
          rmean = num(tab[[grep("rmean$", names(tab))[1]]]), se_rmean = num(tab[["se(rmean)"]]))
      }
    }
  }
}
write.csv(do.call(rbind, steps), out("km_steps.csv"), row.names = FALSE, quote = FALSE)
write.csv(do.call(rbind, summ), out("km_summary.csv"), row.names = FALSE, quote = FALSE)
cat("wrote", length(steps), "curves and", length(summ), "summaries with survival",
    format(packageVersion("survival")), "and", R.version.string, "\n")
