using System.Text;

namespace CfSync.Translation.Manifests;

/// <summary>
/// Reads Kubernetes manifests: multi-document YAML or JSON (JSON is read as YAML, which it is), files or folders
/// (recursively without following links to folders, *.yaml, *.yml, *.json, in ordinal path order), within <see cref="ManifestLimits"/>. Every object
/// comes back checked (<see cref="ManifestDocument"/>); anything wrong, whatever the input, is a
/// <see cref="ManifestException"/> listing every problem found, never another exception, a partial result or an
/// unbounded cost. A syntax error or a bound ends the reading of its text; other problems are collected
/// document by document.
/// </summary>
public static class ManifestReader
{
    private static readonly string[] Extensions = [".yaml", ".yml", ".json"];

    /// <exception cref="ManifestException">A path does not exist, or a file cannot be read or holds problems.</exception>
    public static IReadOnlyList<ManifestDocument> ReadPaths(IEnumerable<string> paths)
    {
        ArgumentNullException.ThrowIfNull(paths);
        var documents = new List<ManifestDocument>();
        var problems = new ManifestProblems();
        foreach (var path in paths.TakeWhile(_ => !problems.IsFull))
        {
            ReadPath(path, documents, problems);
        }

        problems.ThrowIfAny();
        return documents;
    }

    /// <exception cref="ManifestException">The path does not exist, or a file cannot be read or holds problems.</exception>
    public static IReadOnlyList<ManifestDocument> ReadPath(string path) => ReadPaths([path]);

    /// <param name="text">YAML or JSON text, possibly several documents.</param>
    /// <param name="file">Named in problems and in each document.</param>
    /// <exception cref="ManifestException">The text holds problems.</exception>
    public static IReadOnlyList<ManifestDocument> ReadText(string text, string file)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(file);
        var documents = new List<ManifestDocument>();
        var problems = new ManifestProblems();
        ReadText(text, file, documents, problems);
        problems.ThrowIfAny();
        return documents;
    }

    private static void ReadPath(string path, List<ManifestDocument> documents, ManifestProblems problems)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!Directory.Exists(path))
        {
            ReadFile(path, documents, problems);
            return;
        }

        List<string> files;
        try
        {
            files = ManifestFiles(path).Order(StringComparer.Ordinal).ToList();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            problems.Add(FileProblem(path, $"cannot be read: {e.Message}"));
            return;
        }

        foreach (var file in files.TakeWhile(_ => !problems.IsFull))
        {
            ReadFile(file, documents, problems);
        }
    }

    // As kubectl -R: the files of every folder below, links to files included, but links to folders are not
    // followed (a link to a parent would never end).
    private static IEnumerable<string> ManifestFiles(string folder)
    {
        var folders = new Stack<string>([folder]);
        while (folders.TryPop(out var current))
        {
            foreach (var file in Directory.EnumerateFiles(current).Where(f => Extensions.Contains(Path.GetExtension(f), StringComparer.OrdinalIgnoreCase)))
            {
                yield return file;
            }

            foreach (var sub in new DirectoryInfo(current).EnumerateDirectories().Where(d => !d.Attributes.HasFlag(FileAttributes.ReparsePoint)))
            {
                folders.Push(Path.Combine(current, sub.Name));
            }
        }
    }

    private static void ReadFile(string file, List<ManifestDocument> documents, ManifestProblems problems)
    {
        if (!File.Exists(file))
        {
            problems.Add(FileProblem(file, "no such file or folder"));
            return;
        }

        string? text;
        try
        {
            text = ReadBounded(file);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            problems.Add(FileProblem(file, $"cannot be read: {e.Message}"));
            return;
        }

        if (text is null)
        {
            problems.Add(TooLarge(file));
            return;
        }

        ReadText(text, file, documents, problems);
    }

    private static void ReadText(string text, string file, List<ManifestDocument> documents, ManifestProblems problems)
    {
        if (text.Length > ManifestLimits.MaxTextLength)
        {
            problems.Add(TooLarge(file));
            return;
        }

        try
        {
            foreach (var document in YamlDocumentReader.Read(text, file).TakeWhile(_ => !problems.IsFull))
            {
                ManifestObjects.Add(document, file, documents, problems);
            }
        }
        catch (ManifestException e)
        {
            // A syntax error or a bound: what follows in the text cannot be read.
            foreach (var problem in e.Problems)
            {
                problems.Add(problem);
            }
        }
    }

    // Reads at most the bound, so neither a huge file nor a device that never ends (/dev/zero) costs more; null beyond.
    private static string? ReadBounded(string file)
    {
        using var reader = new StreamReader(file, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        var text = new StringBuilder();
        var buffer = new char[81920];
        int read;
        while ((read = reader.Read(buffer)) > 0)
        {
            if (text.Length + read > ManifestLimits.MaxTextLength)
            {
                return null;
            }

            text.Append(buffer, 0, read);
        }

        return text.ToString();
    }

    private static ManifestProblem TooLarge(string file) =>
        FileProblem(file, $"is larger than {ManifestLimits.MaxTextLength} characters (16 MiB), the most a manifest file may be");

    private static ManifestProblem FileProblem(string file, string message) => new(file, 0, 0, 0, null, null, message);
}
