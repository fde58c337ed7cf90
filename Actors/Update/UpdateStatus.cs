namespace IncusOs.Actors.Update;

/// <summary>The exact <c>state.update_status</c> strings (spec update.md §4.6).</summary>
public static class UpdateStatus
{
    public const string Running = "Running update check";
    public const string OutsideWindow = "Skipping update check outside of maintenance window(s)";
    public const string ClearCacheFailed = "Failed to clear provider cache";
    public const string SecureBootFailed = "Failed to check for Secure Boot key updates";
    public const string ApplicationListFailed = "Failed to get application list";
    public const string ApplicationsFailed = "Failed to check for application updates";
    public const string RefreshFailed = "Failed to refresh system extensions";
    public const string OsFailed = "Failed to check for OS updates";
    public const string LoadApplicationFailed = "Failed to load application";
    public const string ReloadApplicationFailed = "Failed to reload application";
    public const string StartApplicationFailed = "Failed to start application";
    public const string Completed = "Update check completed";

    public static string Updated(string osName, string version) => $"{osName} has been updated to version {version}";
}
