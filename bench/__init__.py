"""The benchmark of the portal (`make bench`) and its data generator (`bench_data`)."""
