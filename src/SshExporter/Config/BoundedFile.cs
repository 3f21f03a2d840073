using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text;
using Microsoft.Win32.SafeHandles;

namespace SshExporter.Config;

/// <summary>
/// Reads a file the configuration names (the config file itself, a known_hosts file) only if it is a regular file
/// once symlinks are followed (a ConfigMap mounts its files as symlinks), and never more than a cap: a FIFO would
/// block a reload forever and <c>/dev/zero</c> never ends. The file is opened non-blocking, so not even a FIFO put
/// in its place can block, and its type and size are checked on the opened descriptor, not on a path that may change.
/// </summary>
internal static class BoundedFile
{
    private const int OpenFlags = 0x800 | 0x100 | 0x80000; // O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC
    private const int EmptyPath = 0x1000; // AT_EMPTY_PATH: statx of the descriptor itself
    private const uint TypeAndSize = 0x1 | 0x200; // STATX_TYPE | STATX_SIZE
    private const int StatxBytes = 256, StatxModeOffset = 28, StatxSizeOffset = 40; // struct statx: one layout on every architecture
    private const int FileTypeMask = 0xF000, RegularFile = 0x8000;
    private const int ChunkBytes = 64 * 1024;

    /// <summary>
    /// The text of <paramref name="path"/>, or false with the reason, which names the file as <paramref name="kind"/>
    /// ("config file") and leaves its path to the caller. Reads at most <paramref name="maxBytes"/> + 1 bytes.
    /// </summary>
    public static bool TryReadText(string path, long maxBytes, string kind, out string text, out string error)
    {
        text = "";
        int fd = Open([.. Encoding.UTF8.GetBytes(path), 0], OpenFlags);
        if (fd < 0)
        {
            error = CannotRead(kind);
            return false;
        }

        using var handle = new SafeFileHandle(fd, ownsHandle: true);
        byte[] status = new byte[StatxBytes];
        if (Statx(fd, [0], EmptyPath, TypeAndSize, status) != 0)
        {
            error = CannotRead(kind);
            return false;
        }

        int type = BinaryPrimitives.ReadUInt16LittleEndian(status.AsSpan(StatxModeOffset)) & FileTypeMask;
        if (type != RegularFile)
        {
            error = $"the {kind} is {TypeName(type)}, not a regular file (a symlink to one is fine)";
            return false;
        }

        if (BinaryPrimitives.ReadInt64LittleEndian(status.AsSpan(StatxSizeOffset)) > maxBytes)
        {
            error = TooLarge(maxBytes, kind);
            return false;
        }

        try
        {
            return TryReadAtMost(handle, maxBytes, kind, out text, out error);
        }
        catch (IOException e)
        {
            error = $"cannot read the {kind}: {e.Message}";
            return false;
        }
    }

    // A file can grow after its size was looked at: read one byte past the cap, never more.
    private static bool TryReadAtMost(SafeFileHandle handle, long maxBytes, string kind, out string text, out string error)
    {
        text = "";
        using var stream = new FileStream(handle, FileAccess.Read, bufferSize: 0);
        using var content = new MemoryStream();
        byte[] chunk = new byte[ChunkBytes];
        int read;
        while ((read = stream.Read(chunk, 0, (int)Math.Min(ChunkBytes, maxBytes + 1 - content.Length))) > 0)
        {
            content.Write(chunk, 0, read);
            if (content.Length > maxBytes)
            {
                error = TooLarge(maxBytes, kind);
                return false;
            }
        }

        content.Position = 0;
        // As File.ReadAllText reads: UTF-8 unless a byte order mark says otherwise.
        using var reader = new StreamReader(content, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        text = reader.ReadToEnd();
        error = "";
        return true;
    }

    /// <summary>A size as the error messages and the README write it.</summary>
    public static string Describe(long bytes) =>
        bytes % (1024 * 1024) == 0 ? $"{bytes / (1024 * 1024)} MiB" : $"{bytes} bytes";

    private static string CannotRead(string kind) =>
        $"cannot read the {kind}: {Marshal.GetPInvokeErrorMessage(Marshal.GetLastPInvokeError())}";

    private static string TooLarge(long maxBytes, string kind) =>
        $"the {kind} is larger than {Describe(maxBytes)}, the most it may be";

    private static string TypeName(int type) => type switch
    {
        0x1000 => "a FIFO (named pipe)",
        0x2000 => "a character device",
        0x4000 => "a directory",
        0x6000 => "a block device",
        0xC000 => "a socket",
        _ => "of an unknown type",
    };

    // The C library's functions as the process has already loaded them, whatever its file is named (glibc's libc.so.6,
    // musl's): a library name to load would differ between them, and "libc.so" is a linker script where it exists.
    private static readonly OpenFunction Open = CLibrary<OpenFunction>("open");
    private static readonly StatxFunction Statx = CLibrary<StatxFunction>("statx");

    [UnmanagedFunctionPointer(CallingConvention.Cdecl, SetLastError = true)]
    private delegate int OpenFunction(byte[] path, int flags);

    [UnmanagedFunctionPointer(CallingConvention.Cdecl, SetLastError = true)]
    private delegate int StatxFunction(int directoryFd, byte[] path, int flags, uint mask, [Out] byte[] status);

    private static T CLibrary<T>(string name)
        where T : Delegate =>
        Marshal.GetDelegateForFunctionPointer<T>(NativeLibrary.GetExport(NativeLibrary.GetMainProgramHandle(), name));
}
