# Draws the output of sqlite_scaling: cost per call against table size, the
# library (solid) and the floor, the same statements on the plain C API (dashed).
#   gnuplot -e "data='scaling.dat'; out='docs/scaling.png'" bench/scaling.gnuplot
if (!exists("data")) data = 'scaling.dat'
if (!exists("out")) out = 'scaling.png'
set terminal pngcairo size 1000,620 font "sans,11"
set output out
set title "SQLite engine: cost of a read against table size (random keys; median of 21 alternating batches)"
set logscale x 10
set format x "10^{%L}"
set xrange [500:2000000]
set xlabel "orders in the table (20 per customer)"
set ylabel "microseconds per call"
set yrange [0:*]
set grid
set key top left box opaque
set pointsize 1.2
set style line 1 lc rgb "#1f77b4" lw 2 pt 7
set style line 2 lc rgb "#ff7f0e" lw 2 pt 5
set style line 3 lc rgb "#2ca02c" lw 2 pt 9
set style line 4 lc rgb "#d62728" lw 2 pt 13
plot data using 1:4 with linespoints ls 1 title "get\\_customer\\_orders (limit 10)", \
     data using 1:5 with linespoints ls 1 dt 2 title "   floor", \
     data using 1:6 with linespoints ls 2 title "get\\_orders\\_by\\_status (limit 10)", \
     data using 1:7 with linespoints ls 2 dt 2 title "   floor", \
     data using 1:2 with linespoints ls 3 title "get\\_order", \
     data using 1:3 with linespoints ls 3 dt 2 title "   floor", \
     data using 1:8 with linespoints ls 4 title "get\\_customer\\_last\\_order", \
     data using 1:9 with linespoints ls 4 dt 2 title "   floor"
