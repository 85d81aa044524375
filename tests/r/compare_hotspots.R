# Compares nestguard's KDE and Gi* output with spatstat and spdep on the same points.
# usage: Rscript compare_hotspots.R POINTS.csv COMPARISON...
#   kde BANDWIDTH KDE.csv          spatstat densityfun, quartic, no edge correction
#   gistar RADIUS GISTAR.csv       spdep localG with include.self, dnearneigh(0, RADIUS)
#   knox EVENTS.csv METRIC CLOSED DBREAKS TBREAKS KNOX.csv
#                                  observed table the way R's NearRepeat does it: dist + cut + table
# Prints one "ok"/"FAIL" line per comparison, then "PASSED n FAILED m".
suppressMessages({ library(spatstat); library(spdep) })
args <- commandArgs(trailingOnly = TRUE)
pts <- read.csv(args[1])
tolerance <- 1e-6
passed <- 0; failed <- 0
report <- function(ok, what) {
  cat(if (ok) "ok  " else "FAIL", what, "\n")
  if (ok) passed <<- passed + 1 else failed <<- failed + 1
}
i <- 2
while (i <= length(args)) {
  kind <- args[i]
  if (kind == "knox") {
    ev <- read.csv(args[i + 1], header = FALSE, col.names = c("x", "y", "date"))
    metric <- args[i + 2]; right <- args[i + 3] == "right"
    sds <- as.numeric(strsplit(args[i + 4], ",")[[1]]); tds <- as.numeric(strsplit(args[i + 5], ",")[[1]])
    ours <- read.csv(args[i + 6]); i <- i + 7
    s_dist <- dist(cbind(ev$x, ev$y), method = metric)
    t_dist <- dist(as.numeric(as.Date(ev$date)))
    # nestguard's right closure also holds the lowest break, as cut(include.lowest = TRUE) does.
    theirs <- table(cut(s_dist, sds, right = right, include.lowest = right),
                    cut(t_dist, tds, right = right, include.lowest = right))
    mine <- matrix(ours$observed, nrow = length(sds) - 1, byrow = TRUE)
    report(all(mine == unclass(theirs)),
           sprintf("Knox observed table, %s, closed %s: %d pairs counted, R %d",
                   metric, args[i - 4], sum(mine), sum(theirs)))
    next
  }
  param <- as.numeric(args[i + 1]); file <- args[i + 2]; i <- i + 3
  ours <- read.csv(file)
  if (kind == "kde") {
    # Exact kernel sums at the cell centres; quartic of radius h has sigma = h / sqrt(8).
    w <- owin(range(c(ours$x, pts$x)) + c(-1, 1), range(c(ours$y, pts$y)) + c(-1, 1))
    X <- ppp(pts$x, pts$y, window = w)
    f <- densityfun(X, sigma = param / sqrt(8), kernel = "quartic", edge = FALSE)
    theirs <- f(ours$x, ours$y)
    scale <- max(abs(theirs))
    nonzero <- abs(theirs) > 1e-9 * scale
    rel <- abs(ours$density[nonzero] - theirs[nonzero]) / abs(theirs[nonzero])
    zero_gap <- max(c(0, abs(ours$density[!nonzero] - theirs[!nonzero]))) / scale
    report(max(rel) <= tolerance && zero_gap <= tolerance,
           sprintf("KDE h=%g: %d cells, %d non-zero, max relative difference %.3g (zero cells %.3g)",
                   param, nrow(ours), sum(nonzero), max(rel), zero_gap))
  } else if (kind == "gistar") {
    coords <- cbind(ours$x, ours$y)
    nb <- dnearneigh(coords, 0, param)
    lw <- nb2listw(include.self(nb), style = "B", zero.policy = TRUE)
    theirs <- as.numeric(localG(ours$count, lw, zero.policy = TRUE))
    big <- abs(theirs) > 1e-9
    rel <- abs(ours$z[big] - theirs[big]) / abs(theirs[big])
    small_gap <- max(c(0, abs(ours$z[!big] - theirs[!big])))
    report(max(rel) <= tolerance && small_gap <= tolerance,
           sprintf("Gi* neighbourhood %g: %d cells, max relative difference of z %.3g",
                   param, nrow(ours), max(rel)))
    p <- 2 * pnorm(-abs(theirs))
    report(max(abs(ours$p - p)) <= tolerance * 1e-3,
           sprintf("Gi* neighbourhood %g: two-sided p-values, max difference %.3g", param, max(abs(ours$p - p))))
    if (!is.null(ours$q)) {
      q <- p.adjust(p, method = "BH")
      report(max(abs(ours$q - q)) <= tolerance * 1e-3,
             sprintf("Gi* neighbourhood %g: Benjamini-Hochberg q-values (p.adjust), max difference %.3g",
                     param, max(abs(ours$q - q))))
    }
  } else stop("unknown comparison ", kind)
}
cat("PASSED", passed, "FAILED", failed, "\n")
