namespace IncusOs.Providers.Security;

/// <summary>The <c>tpm_status</c> evaluation of security.md §2.3, on data already read.</summary>
public static class TpmStatus
{
    public const string Ok = "ok";

    public const string PendingPcr7Update = "pending PCR7 update";

    /// <summary>
    /// Replays the log against the actual PCR7, then compares the actual PCR7 with the prediction
    /// for the next boot. The answer is <see cref="Ok"/>, <see cref="PendingPcr7Update"/> or an error text.
    /// </summary>
    public static string Evaluate(
        TcgEventLog log,
        string actualPcr7Hex,
        Func<UefiVariableData, byte[]> currentData,
        Func<UefiVariableData, byte[]?>? authority = null)
    {
        var actual = actualPcr7Hex.Trim().ToLowerInvariant();
        var computed = Convert.ToHexStringLower(Pcr7.Replay(log));
        if (computed != actual)
        {
            return $"computed PCR7 ({computed}) doesn't match actual value ({actual})";
        }

        var expected = Convert.ToHexStringLower(Pcr7.Predict(log, currentData, authority));

        return expected == actual ? Ok : PendingPcr7Update;
    }
}
