// Benchmarks print figures; the performance issue fills this in.
console.log("no benchmarks yet");
