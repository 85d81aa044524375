# R side of bench/hotspots.sh: the same KDE surface (spatstat, exact quartic sums at the cell
# centres, no edge correction) and Gi* (spdep localG with self included, neighbours within RADIUS)
# on the same grid as nestguard, timed without R's start-up and file reading; then a check that
# the results equal nestguard's, so both did the same work.
# usage: Rscript hotspots.R POINTS.csv CELL BANDWIDTH RADIUS NG_KDE.csv NG_GISTAR.csv
suppressMessages({ library(spatstat); library(spdep) })
args <- commandArgs(trailingOnly = TRUE)
pts <- read.csv(args[1]); cell <- as.numeric(args[2]); h <- as.numeric(args[3]); radius <- as.numeric(args[4])
ng_kde <- read.csv(args[5]); ng_gi <- read.csv(args[6])
elapsed <- function(expr) { t0 <- proc.time()[["elapsed"]]; force(expr); proc.time()[["elapsed"]] - t0 }

# The grid rule of nestguard's grid_fit(): origin on a multiple of the cell, margin around the points.
grid <- function(margin) {
  x0 <- floor((min(pts$x) - margin) / cell) * cell; y0 <- floor((min(pts$y) - margin) / cell) * cell
  nx <- floor((max(pts$x) + margin - x0) / cell) + 1; ny <- floor((max(pts$y) + margin - y0) / cell) + 1
  list(x0 = x0, y0 = y0, nx = nx, ny = ny,
       cx = rep(x0 + (seq_len(nx) - 0.5) * cell, times = ny),
       cy = rep(y0 + (seq_len(ny) - 0.5) * cell, each = nx))
}

kde <- NULL
t_kde <- elapsed({
  g <- grid(h)
  w <- owin(c(g$x0, g$x0 + g$nx * cell), c(g$y0, g$y0 + g$ny * cell))
  X <- suppressWarnings(ppp(pts$x, pts$y, window = w))
  f <- densityfun(X, sigma = h / sqrt(8), kernel = "quartic", edge = FALSE)
  kde <- f(g$cx, g$cy)
})
t_fft <- elapsed({
  g <- grid(h)
  w <- owin(c(g$x0, g$x0 + g$nx * cell), c(g$y0, g$y0 + g$ny * cell))
  X <- suppressWarnings(ppp(pts$x, pts$y, window = w))
  im <- density(X, sigma = h / sqrt(8), kernel = "quartic", edge = FALSE, dimyx = c(g$ny, g$nx))
})
fft_gap <- max(abs(as.vector(t(im$v)) - kde)) / max(kde)

z <- NULL
t_gi <- elapsed({
  g <- grid(0)
  col <- floor((pts$x - g$x0) / cell); row <- floor((pts$y - g$y0) / cell)
  counts <- tabulate(row * g$nx + col + 1, nbins = g$nx * g$ny)
  nb <- dnearneigh(cbind(g$cx, g$cy), 0, radius)
  lw <- nb2listw(include.self(nb), style = "B")
  z <- as.numeric(localG(counts, lw))
})

same_kde <- max(abs(kde - ng_kde$density)[kde > 0] / kde[kde > 0]) < 1e-6
same_gi <- max(abs(z - ng_gi$z) / pmax(abs(z), 1e-9)) < 1e-6
cat(sprintf("R KDE (densityfun, exact): %.3f s for %d cells; equal to nestguard: %s\n", t_kde, length(kde), same_kde))
cat(sprintf("R KDE (density.ppp FFT, for reference): %.3f s; off the exact sum by up to %.1f%% of the peak\n",
            t_fft, 100 * fft_gap))
cat(sprintf("R Gi* (dnearneigh + nb2listw + localG): %.3f s for %d cells; equal to nestguard: %s\n",
            t_gi, length(z), same_gi))
cat(sprintf("R_KDE %.3f\nR_GI %.3f\n", t_kde, t_gi))
