using System.Security.Cryptography;

namespace Jixiao.App.Imports;

/// <summary>A read-only pass-through that counts the bytes read and hashes them (SHA-256) on the way.</summary>
internal sealed class HashingStream : Stream
{
    private readonly Stream inner;
    private readonly IncrementalHash? hash;
    private long read;

    public HashingStream(Stream inner, bool computeHash)
    {
        this.inner = inner;
        hash = computeHash ? IncrementalHash.CreateHash(HashAlgorithmName.SHA256) : null;
    }

    public long BytesRead => Interlocked.Read(ref read);

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => BytesRead;
        set => throw new NotSupportedException();
    }

    /// <summary>Reads what is left (so the hash covers the whole file) and returns the hex hash.</summary>
    public string Finish()
    {
        if (hash is null)
        {
            return "";
        }

        var rest = new byte[64 * 1024];
        while (Read(rest, 0, rest.Length) > 0)
        {
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var n = inner.Read(buffer);
        if (n > 0)
        {
            hash?.AppendData(buffer[..n]);
            Interlocked.Add(ref read, n);
        }

        return n;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            hash?.Dispose();
        }

        base.Dispose(disposing);
    }
}
