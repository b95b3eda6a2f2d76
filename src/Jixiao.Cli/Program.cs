using System.Text;

namespace Jixiao.Cli;

public static class Program
{
    public static int Main(string[] args)
    {
        var stdout = Console.OpenStandardOutput();
        using var output = new StreamWriter(stdout, new UTF8Encoding(false), 64 * 1024) { AutoFlush = false };
        var error = new StreamWriter(Console.OpenStandardError(), new UTF8Encoding(false)) { AutoFlush = true };
        try
        {
            return CliApp.Run(args, output, error, stdout, errorIsTerminal: !Console.IsErrorRedirected);
        }
        finally
        {
            try
            {
                output.Flush();
            }
            catch (IOException)
            {
                // stdout closed early (e.g. piped into head): nothing more to say
            }
        }
    }
}
