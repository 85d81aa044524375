# Plain R implementation of nestguard's Knox algorithm, for bench/knox.sh: pairs closer than the
# largest distance break are found once (here with dist(), so only a subset fits in memory),
# stored with their distance band, and each permutation of the dates recounts only their time
# bands. Bands are closed on the left, [a,b), as nestguard's default.
# usage: Rscript knox.R EVENTS.csv N ITERATIONS METRIC DBREAKS TBREAKS
# EVENTS.csv has the header x,y,date_single with dates dd/mm/yyyy; the first N rows are used.
args <- commandArgs(trailingOnly = TRUE)
ev <- read.csv(args[1])
n <- as.integer(args[2]); iterations <- as.integer(args[3]); metric <- args[4]
sds <- as.numeric(strsplit(args[5], ",")[[1]]); tds <- as.numeric(strsplit(args[6], ",")[[1]])
ev <- ev[seq_len(n), ]
t <- as.numeric(as.Date(ev$date_single, format = "%d/%m/%Y"))
set.seed(1)

started <- proc.time()[["elapsed"]]
d <- dist(cbind(ev$x, ev$y), method = metric)
close <- which(d < max(sds))
# Row and column of each stored pair from its index into the lower triangle of dist().
k <- close - 1
j <- floor((2 * n - 1 - sqrt((2 * n - 1)^2 - 8 * k)) / 2)
first <- j * (2 * n - j - 1) / 2
i <- k - first + j + 1
pi <- j + 1; pj <- i + 1
sband <- cut(d[close], sds, right = FALSE)
rm(d)
count <- function(times) table(sband, cut(abs(times[pi] - times[pj]), tds, right = FALSE))
observed <- count(t)
sims <- array(0, dim = c(dim(observed), iterations))
for (it in seq_len(iterations)) sims[, , it] <- count(sample(t))
ratio <- observed / apply(sims, 1:2, mean)
p <- observed
for (a in seq_len(nrow(p))) for (b in seq_len(ncol(p))) p[a, b] <- (sum(sims[a, b, ] >= observed[a, b]) + 1) / (iterations + 1)
elapsed <- proc.time()[["elapsed"]] - started

cat(sprintf("R: %d events, %d close pairs, %d permutations in %.2f s\n", n, length(close), iterations, elapsed))
cat("R observed:", as.vector(t(observed)), "\n")
cat("R knox ratio:", sprintf("%.3f", as.vector(t(ratio))), "\n")
cat(sprintf("R_SECONDS %.3f\n", elapsed))
