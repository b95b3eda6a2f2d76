using Jixiao.Core.Library;
using Jixiao.Data.Entities;
using Jixiao.Data.Forms;
using Jixiao.Data.Schema;
using Microsoft.EntityFrameworkCore;

namespace Jixiao.Data.Library;

/// <summary>
/// The tables of the indicator library (指标库): the entries with their curation (<c>library_entries</c>), the batches
/// counted (<c>library_batches</c>, deleted with their import batch) and the counts per batch (<c>library_cells</c>,
/// <c>library_target_cells</c>, <c>library_form_cells</c>, deleted with their <c>library_batches</c> row).
/// </summary>
internal static class LibrarySchema
{
    /// <summary>Sums of target numbers over many forms: numeric(24,4).</summary>
    private const int SumPrecision = 24;

    /// <summary>One target number: numeric(18,4).</summary>
    private const int NumberPrecision = 18;

    public static void Configure(ModelBuilder modelBuilder)
    {
        var entries = modelBuilder.Entity<LibraryEntry>();
        entries.ToTable("library_entries");
        entries.HasKey(x => x.Id);
        entries.Property(x => x.Level1).HasMaxLength(LibraryKeys.LevelLength);
        entries.Property(x => x.Level2).HasMaxLength(LibraryKeys.LevelLength);
        entries.Property(x => x.NameKey).HasMaxLength(LibraryKeys.NameLength);
        entries.Property(x => x.Name).HasMaxLength(LibraryKeys.NameLength);
        entries.Property(x => x.Note).HasMaxLength(LibraryStore.NoteLength);
        entries.Property(x => x.UpdatedBy).HasMaxLength(100);
        entries.HasIndex(x => new { x.Level1, x.Level2, x.NameKey }).IsUnique();
        entries.HasIndex(x => x.MergedIntoId);
        entries.HasOne<LibraryEntry>().WithMany().HasForeignKey(x => x.MergedIntoId).OnDelete(DeleteBehavior.Restrict);

        var batches = modelBuilder.Entity<LibraryBatch>();
        batches.ToTable("library_batches");
        batches.HasKey(x => x.BatchId);
        batches.Property(x => x.BatchId).ValueGeneratedNever();
        batches.HasOne<ImportBatch>().WithMany().HasForeignKey(x => x.BatchId).OnDelete(DeleteBehavior.Cascade);

        var cells = modelBuilder.Entity<LibraryCell>();
        cells.ToTable("library_cells");
        cells.HasKey(x => new { x.BatchId, x.EntryId, x.DepartmentId, x.ProjectType, x.Year });
        cells.Property(x => x.ProjectType).HasMaxLength(40);
        cells.HasOne<LibraryBatch>().WithMany().HasForeignKey(x => x.BatchId).OnDelete(DeleteBehavior.Cascade);
        cells.HasIndex(x => new { x.EntryId, x.ProjectType });
        cells.HasIndex(x => new { x.ProjectType, x.EntryId });

        var targets = modelBuilder.Entity<LibraryTargetCell>();
        targets.ToTable("library_target_cells");
        targets.HasKey(x => new { x.BatchId, x.EntryId, x.DepartmentId, x.ProjectType, x.Target });
        targets.Property(x => x.ProjectType).HasMaxLength(40);
        targets.Property(x => x.Target).HasMaxLength(LibraryKeys.TargetLength);
        targets.Property(x => x.ActualSum).HasPrecision(SumPrecision, FormMapper.FineScale);
        targets.Property(x => x.ActualMin).HasPrecision(NumberPrecision, FormMapper.FineScale);
        targets.Property(x => x.ActualMax).HasPrecision(NumberPrecision, FormMapper.FineScale);
        targets.HasOne<LibraryBatch>().WithMany().HasForeignKey(x => x.BatchId).OnDelete(DeleteBehavior.Cascade);
        targets.HasIndex(x => new { x.EntryId, x.ProjectType });

        var forms = modelBuilder.Entity<LibraryFormCell>();
        forms.ToTable("library_form_cells");
        forms.HasKey(x => new { x.BatchId, x.DepartmentId, x.ProjectType, x.Year });
        forms.Property(x => x.ProjectType).HasMaxLength(40);
        forms.HasOne<LibraryBatch>().WithMany().HasForeignKey(x => x.BatchId).OnDelete(DeleteBehavior.Cascade);
    }

    public static DbSet<LibraryEntry> Entries(this JixiaoDbContext db) => db.Set<LibraryEntry>();

    public static DbSet<LibraryCell> Cells(this JixiaoDbContext db) => db.Set<LibraryCell>();

    public static DbSet<LibraryTargetCell> TargetCells(this JixiaoDbContext db) => db.Set<LibraryTargetCell>();
}
