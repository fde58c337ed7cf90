using System.Runtime.InteropServices;

namespace IncusOs.Providers.Resources.Native;

/// <summary>An errno as Go's <c>syscall.Errno</c> prints it: the strerror text starting in lower case.</summary>
internal static class ErrnoText
{
    public static string Of(int errno)
    {
        var text = Marshal.GetPInvokeErrorMessage(errno);

        return text.Length == 0 ? text : char.ToLowerInvariant(text[0]) + text[1..];
    }
}
