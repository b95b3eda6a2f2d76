using BenchmarkDotNet.Running;
using Jixiao.Bench;

// memory: the 1 GB streaming test; quick: a stopwatch pass per component; live: live evaluation by stopwatch; live-body: the live endpoint's request body; cross, recheck: database passes; anything else: BenchmarkDotNet.
return args.FirstOrDefault() switch
{
    "memory" => MemoryTest.Run(args[1..]),
    "quick" => QuickBench.Run(args[1..]),
    "xlsx" => XlsxBench.Run(args[1..]),
    "pdf" => PdfBench.Run(args[1..]),
    "cross" => CrossBench.Run(args[1..]),
    "recheck" => RecheckBench.Run(args[1..]),
    "live" => LiveQuick.Run(args[1..]),
    "live-body" => LiveQuick.Body(args[1..]),
    _ => Run(args),
};

static int Run(string[] args)
{
    BenchmarkSwitcher.FromAssembly(typeof(BenchData).Assembly).Run(args);
    return 0;
}
