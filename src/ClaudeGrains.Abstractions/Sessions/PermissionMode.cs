namespace ClaudeGrains;

/// <summary>The CLI's <c>--permission-mode</c>.</summary>
[GenerateSerializer]
public enum PermissionMode
{
    /// <summary>The CLI's default: ask for permission (denied in non-interactive mode).</summary>
    Default = 0,

    /// <summary>Accept file edits without asking.</summary>
    AcceptEdits = 1,

    /// <summary>Plan only; no changes are made.</summary>
    Plan = 2,

    /// <summary>Skip every permission check. Use only in a sandbox.</summary>
    BypassPermissions = 3,

    /// <summary>Never ask; deny what is not pre-approved.</summary>
    DontAsk = 4,
}
