using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Jixiao.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class IndicatorLibrary : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "library_batches",
                columns: table => new
                {
                    batch_id = table.Column<long>(type: "INTEGER", nullable: false),
                    forms = table.Column<int>(type: "INTEGER", nullable: false),
                    indicators = table.Column<int>(type: "INTEGER", nullable: false),
                    built_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_library_batches", x => x.batch_id);
                    table.ForeignKey(
                        name: "FK_library_batches_import_batches_batch_id",
                        column: x => x.batch_id,
                        principalTable: "import_batches",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "library_entries",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    level1 = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    level2 = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    name_key = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    merged_into_id = table.Column<long>(type: "INTEGER", nullable: true),
                    recommended = table.Column<bool>(type: "INTEGER", nullable: false),
                    retired = table.Column<bool>(type: "INTEGER", nullable: false),
                    note = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    updated_by = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    updated_at = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_library_entries", x => x.id);
                    table.ForeignKey(
                        name: "FK_library_entries_library_entries_merged_into_id",
                        column: x => x.merged_into_id,
                        principalTable: "library_entries",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "library_cells",
                columns: table => new
                {
                    batch_id = table.Column<long>(type: "INTEGER", nullable: false),
                    entry_id = table.Column<long>(type: "INTEGER", nullable: false),
                    department_id = table.Column<long>(type: "INTEGER", nullable: false),
                    project_type = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    year = table.Column<int>(type: "INTEGER", nullable: false),
                    forms = table.Column<int>(type: "INTEGER", nullable: false),
                    indicators = table.Column<int>(type: "INTEGER", nullable: false),
                    self_evaluations = table.Column<int>(type: "INTEGER", nullable: false),
                    met = table.Column<int>(type: "INTEGER", nullable: false),
                    not_met = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_library_cells", x => new { x.batch_id, x.entry_id, x.department_id, x.project_type, x.year });
                    table.ForeignKey(
                        name: "FK_library_cells_library_batches_batch_id",
                        column: x => x.batch_id,
                        principalTable: "library_batches",
                        principalColumn: "batch_id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "library_form_cells",
                columns: table => new
                {
                    batch_id = table.Column<long>(type: "INTEGER", nullable: false),
                    department_id = table.Column<long>(type: "INTEGER", nullable: false),
                    project_type = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    year = table.Column<int>(type: "INTEGER", nullable: false),
                    forms = table.Column<int>(type: "INTEGER", nullable: false),
                    self_evaluations = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_library_form_cells", x => new { x.batch_id, x.department_id, x.project_type, x.year });
                    table.ForeignKey(
                        name: "FK_library_form_cells_library_batches_batch_id",
                        column: x => x.batch_id,
                        principalTable: "library_batches",
                        principalColumn: "batch_id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "library_target_cells",
                columns: table => new
                {
                    batch_id = table.Column<long>(type: "INTEGER", nullable: false),
                    entry_id = table.Column<long>(type: "INTEGER", nullable: false),
                    department_id = table.Column<long>(type: "INTEGER", nullable: false),
                    project_type = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    target = table.Column<string>(type: "TEXT", maxLength: 120, nullable: false),
                    actuals = table.Column<int>(type: "INTEGER", nullable: false),
                    actual_sum = table.Column<double>(type: "REAL", precision: 24, scale: 4, nullable: false),
                    actual_min = table.Column<double>(type: "REAL", precision: 18, scale: 4, nullable: true),
                    actual_max = table.Column<double>(type: "REAL", precision: 18, scale: 4, nullable: true),
                    indicators = table.Column<int>(type: "INTEGER", nullable: false),
                    self_evaluations = table.Column<int>(type: "INTEGER", nullable: false),
                    met = table.Column<int>(type: "INTEGER", nullable: false),
                    not_met = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_library_target_cells", x => new { x.batch_id, x.entry_id, x.department_id, x.project_type, x.target });
                    table.ForeignKey(
                        name: "FK_library_target_cells_library_batches_batch_id",
                        column: x => x.batch_id,
                        principalTable: "library_batches",
                        principalColumn: "batch_id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_library_cells_entry_id_project_type",
                table: "library_cells",
                columns: new[] { "entry_id", "project_type" });

            migrationBuilder.CreateIndex(
                name: "IX_library_cells_project_type_entry_id",
                table: "library_cells",
                columns: new[] { "project_type", "entry_id" });

            migrationBuilder.CreateIndex(
                name: "IX_library_entries_level1_level2_name_key",
                table: "library_entries",
                columns: new[] { "level1", "level2", "name_key" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_library_entries_merged_into_id",
                table: "library_entries",
                column: "merged_into_id");

            migrationBuilder.CreateIndex(
                name: "IX_library_target_cells_entry_id_project_type",
                table: "library_target_cells",
                columns: new[] { "entry_id", "project_type" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "library_cells");

            migrationBuilder.DropTable(
                name: "library_entries");

            migrationBuilder.DropTable(
                name: "library_form_cells");

            migrationBuilder.DropTable(
                name: "library_target_cells");

            migrationBuilder.DropTable(
                name: "library_batches");
        }
    }
}
